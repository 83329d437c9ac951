package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import nl.baken.ApiTestSupport;
import nl.baken.access.Role;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.Kpis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Two periods compared: every KPI in both, the difference, the contacts behind each number, CSV, and who may see it. */
class KpiCompareTests extends ApiTestSupport {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	Kpis kpis;

	@Test
	void everyKpiInBothPeriodsWithTheDifferenceAndTheContactsBehindEachNumber() throws Exception {
		deliver();
		String today = LocalDate.now(AMSTERDAM).toString();
		String html = page(person(Role.TEAM_LEAD, "en"), "TEAM_LEAD",
				"/desk/kpis/compare?fromA=2020-01-01&toA=2020-01-07&fromB=" + today + "&toB=" + today);
		kpis.definitions().forEach(d -> assertThat(html).contains("id=\"compare-" + d.name() + "\"", d.titleEn()));
		assertThat(html).contains("Two periods compared", "A: 2020-01-01 – 2020-01-07",
				"service-level@1{T=20s,S=5s,abandons=negative",
				"/desk/kpis/backlog?from=2020-01-01&amp;to=2020-01-07",
				"/desk/kpis/backlog?from=" + today + "&amp;to=" + today,
				"/desk/kpis/compare?format=csv&amp;fromA=2020-01-01");
		String backlogRow = html.substring(html.indexOf("id=\"compare-backlog\""));
		backlogRow = backlogRow.substring(0, backlogRow.indexOf("</tr>"));
		double backlog = kpis.compute("backlog", query(LocalDate.parse(today))).value();
		double before = kpis.compute("backlog", query(LocalDate.parse("2020-01-07"))).value();
		assertThat(backlog).isGreaterThan(before);
		assertThat(backlogRow).contains("+" + (int) (backlog - before));
	}

	@Test
	void theComparisonAsCsvCarriesIdentitiesNumbersAndTheDifference() throws Exception {
		deliver();
		String today = LocalDate.now(AMSTERDAM).toString();
		MvcTestResult csv = mvc.get()
			.uri("/desk/kpis/compare?format=csv&fromA=2020-01-01&toA=2020-01-07&fromB=" + today + "&toB=" + today)
			.with(user(person(Role.PLANNER, "en")).roles("PLANNER"))
			.exchange();
		assertThat(csv).hasStatus(HttpStatus.OK);
		assertThat(csv.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
		List<String> lines = csv.getResponse().getContentAsString().lines().toList();
		assertThat(lines.getFirst()).isEqualTo(
				"kpi,identity,unit,fromA,toA,valueA,numeratorA,denominatorA,fromB,toB,valueB,numeratorB,denominatorB,difference");
		assertThat(lines).hasSize(kpis.definitions().size() + 1);
		String backlog = lines.stream().filter(l -> l.startsWith("backlog,")).findFirst().orElseThrow();
		String[] cells = backlog.split(",", -1);
		assertThat(cells[1]).isEqualTo("backlog@1");
		assertThat(cells[3]).isEqualTo("2020-01-01");
		assertThat(cells[8]).isEqualTo(today);
		assertThat(Double.parseDouble(cells[13]))
			.isEqualTo(Double.parseDouble(cells[10]) - Double.parseDouble(cells[5]));
		assertThat(lines.stream().filter(l -> l.startsWith("service-level,")).findFirst().orElseThrow())
			.contains("\"service-level@1{T=20s,S=5s,abandons=negative");
	}

	@Test
	void badDatesAreExplainedOnThePageAndRefusedForTheSpreadsheet() throws Exception {
		String planner = person(Role.PLANNER, "nl");
		String html = page(planner, "PLANNER", "/desk/kpis/compare?fromA=gisteren&toA=2026-11-01&fromB=2026-11-20&toB=2026-11-10");
		assertThat(html).contains("Twee periodes vergeleken", "Die periode klopt niet", "procentpunt");
		MvcTestResult csv = mvc.get()
			.uri("/desk/kpis/compare?format=csv&fromA=2026-13-01")
			.with(user(planner).roles("PLANNER"))
			.exchange();
		assertThat(csv).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(csv.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(csv.getResponse().getContentAsString()).contains("fromA, toA, fromB, toB");
	}

	@Test
	void agentsDoNotSeeTheComparison() {
		assertThat(mvc.get().uri("/desk/kpis/compare").with(user(person(Role.AGENT, "en")).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get()
			.uri("/desk/kpis/compare?format=csv")
			.with(user(person(Role.KNOWLEDGE_EDITOR, "en")).roles("KNOWLEDGE_EDITOR"))
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
	}

	private static KpiQuery query(LocalDate day) {
		return new KpiQuery(day.atStartOfDay(AMSTERDAM).toInstant(), day.plusDays(1).atStartOfDay(AMSTERDAM).toInstant(),
				null, null, null, null, java.util.Map.of());
	}

	private String page(String name, String role, String uri) throws Exception {
		MvcTestResult result = mvc.get().uri(uri).with(user(name).roles(role)).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return result.getResponse().getContentAsString();
	}

	private void deliver() throws Exception {
		assertThat(post(token(), "/api/v1/inbound", """
				{"channel":"webchat","providerMessageId":"%s","sender":{"webVisitorId":"%s"},"text":"Hallo",
				 "sentAt":"%s"}""".formatted(unique("cmp"), unique("visitor"), Instant.now()))).hasStatus(HttpStatus.ACCEPTED);
	}
}
