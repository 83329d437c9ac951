package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import nl.baken.ApiTestSupport;
import nl.baken.access.Role;
import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.Kpis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The channel mix: contacts per channel per week as a chart and a table, each count opening its contacts, and CSV. */
class ChannelMixTests extends ApiTestSupport {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	Kpis kpis;

	@Test
	void thisWeeksContactsPerChannelWithChartTableSharesAndLinks() throws Exception {
		deliver("webchat");
		deliver("webchat");
		deliver("email");
		LocalDate today = LocalDate.now(AMSTERDAM);
		LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		MvcTestResult result = mvc.get()
			.uri("/desk/kpis/channels?from=" + monday + "&to=" + today)
			.with(user(person(Role.TEAM_LEAD, "en")).roles("TEAM_LEAD"))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		String html = result.getResponse().getContentAsString();
		List<CountedContact> week = counted(monday, today);
		long webchat = week.stream().filter(c -> "webchat".equals(c.channel())).count();
		assertThat(webchat).isGreaterThanOrEqualTo(2);
		String link = "/desk/kpis/repeat-contact-rate?from=" + monday + "&amp;to=" + today + "&amp;channel=webchat&amp;teamId=&amp;brandId=";
		assertThat(html).contains("Channel mix", "<svg", "<rect", "repeat-contact-rate@2{W=7d", link + "\">" + webchat + "</a>",
				"(" + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * webchat / week.size()) + " %)",
				"Whole period " + monday + " – " + today, "/desk/kpis/channels?format=csv");
	}

	@Test
	void theMixAsCsvWithEveryWeekAndChannelAndTheDefinition() throws Exception {
		deliver("whatsapp");
		LocalDate today = LocalDate.now(AMSTERDAM);
		LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		MvcTestResult csv = mvc.get()
			.uri("/desk/kpis/channels?format=csv&from=" + monday.minusWeeks(1) + "&to=" + today)
			.with(user(person(Role.PLANNER, "nl")).roles("PLANNER"))
			.exchange();
		assertThat(csv).hasStatus(HttpStatus.OK);
		assertThat(csv.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
		List<String> lines = csv.getResponse().getContentAsString().lines().toList();
		assertThat(lines.getFirst()).isEqualTo("from,to,channel,contacts,total,sharePercent,countedAs");
		// two weeks and the whole period, each for the four channels at least
		assertThat(lines.size()).isGreaterThanOrEqualTo(1 + 3 * 4);
		long whatsapp = counted(monday, today).stream().filter(c -> "whatsapp".equals(c.channel())).count();
		assertThat(lines).contains(monday + "," + today + ",whatsapp," + whatsapp + ","
				+ counted(monday, today).size() + "," + Csv.number(100.0 * whatsapp / counted(monday, today).size())
				+ ",\"repeat-contact-rate@2{W=7d,sameReason=false}\"");
	}

	@Test
	void aBadPeriodIsExplainedAndAgentsDoNotSeeIt() throws Exception {
		String planner = person(Role.PLANNER, "nl");
		String html = mvc.get()
			.uri("/desk/kpis/channels?from=2020-01-01&to=2026-11-01")
			.with(user(planner).roles("PLANNER"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("Kanaalmix", "Die periode klopt niet", "Hele periode");
		assertThat(mvc.get().uri("/desk/kpis/channels?format=csv&to=morgen").with(user(planner).roles("PLANNER")).exchange())
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(mvc.get().uri("/desk/kpis/channels").with(user(person(Role.AGENT, "en")).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	private List<CountedContact> counted(LocalDate from, LocalDate to) {
		return kpis.drilldown("repeat-contact-rate", new KpiQuery(from.atStartOfDay(AMSTERDAM).toInstant(),
				to.plusDays(1).atStartOfDay(AMSTERDAM).toInstant(), null, null, null, null, java.util.Map.of()))
			.contacts()
			.stream()
			.filter(CountedContact::denominator)
			.toList();
	}

	private void deliver(String channel) throws Exception {
		String sender = switch (channel) {
			case "email" -> "{\"email\":\"%s@example.nl\"}".formatted(unique("mix"));
			case "whatsapp" -> "{\"phone\":\"+3161%07d\"}".formatted(new java.util.Random().nextInt(10_000_000));
			default -> "{\"webVisitorId\":\"%s\"}".formatted(unique("visitor"));
		};
		assertThat(post(token(), "/api/v1/inbound", """
				{"channel":"%s","providerMessageId":"%s","sender":%s,"text":"Hallo","subject":"Mix",
				 "sentAt":"%s"}""".formatted(channel, unique("mix"), sender, Instant.now()))).hasStatus(HttpStatus.ACCEPTED);
	}
}
