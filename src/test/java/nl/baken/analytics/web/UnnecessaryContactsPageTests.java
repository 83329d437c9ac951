package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Role;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.Kpis;
import nl.baken.analytics.internal.ContactFactTable;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unnecessary-contact page on a hand-made week: two contacts of one customer (the second a transferred repeat,
 * both informational) and one of another. Worked out by hand: 3 contacts, 1 repeat (33.3 %), 1 of 2 handled
 * transferred (50.0 %), 2 of 3 with a reason informational (66.7 %); behind them one reason (the first contacts'), with
 * 2 unnecessary contacts.
 */
@DatabaseTest
class UnnecessaryContactsPageTests extends ApiTestSupport {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	ContactEvents events;

	@Autowired
	ContactFactTable facts;

	@Autowired
	Kpis kpis;

	@Autowired
	Brands brands;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aTeamLeadSeesTheWeeksRatesAndTheReasonsBehindThem() throws Exception {
		String brand = "un" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		brands.define(brand, "Unnecessary");
		LocalDate monday = LocalDate.parse("2017-01-02").plusWeeks(UUID.randomUUID().getLeastSignificantBits() & 0xff);
		UUID anna = UUID.randomUUID();
		UUID bert = UUID.randomUUID();
		Map<String, Object> orderStatus = new LinkedHashMap<>(Map.of("reason", brand + "-status", "informational", true,
				"valence", "dissatisfier"));
		transactions.executeWithoutResult(status -> {
			UUID first = UUID.randomUUID();
			append(at(monday, 10), first, anna, brand, ContactEventType.OFFERED, Map.of());
			append(at(monday, 11), first, anna, brand, ContactEventType.RESOLVED, orderStatus);
			UUID repeat = UUID.randomUUID();
			append(at(monday.plusDays(2), 10), repeat, anna, brand, ContactEventType.OFFERED, Map.of());
			append(at(monday.plusDays(2), 10).plusSeconds(60), repeat, anna, brand, ContactEventType.ASSIGNED,
					Map.of("agent", "x"));
			append(at(monday.plusDays(2), 10).plusSeconds(90), repeat, anna, brand,
					ContactEventType.FIRST_AGENT_RESPONSE, Map.of());
			append(at(monday.plusDays(2), 10).plusSeconds(120), repeat, anna, brand, ContactEventType.TRANSFERRED,
					Map.of("level", "team"));
			append(at(monday.plusDays(2), 11), repeat, anna, brand, ContactEventType.RESOLVED, orderStatus);
			UUID advice = UUID.randomUUID();
			append(at(monday.plusDays(3), 10), advice, bert, brand, ContactEventType.OFFERED, Map.of());
			append(at(monday.plusDays(3), 10).plusSeconds(60), advice, bert, brand, ContactEventType.ASSIGNED,
					Map.of("agent", "y"));
			append(at(monday.plusDays(3), 10).plusSeconds(90), advice, bert, brand,
					ContactEventType.FIRST_AGENT_RESPONSE, Map.of());
			append(at(monday.plusDays(3), 11), advice, bert, brand, ContactEventType.RESOLVED,
					Map.of("reason", brand + "-advice", "informational", false, "valence", "satisfier"));
		});
		facts.refresh();

		String period = "from=" + monday + "&to=" + monday.plusDays(13) + "&brandId=" + brand;
		String html = page(Role.TEAM_LEAD, "en", period);
		assertThat(html).contains("Unnecessary contacts", "repeat-contact-rate@2{W=7d,sameReason=false}",
				"transfer-rate@2{level=team}", "informational-share@1", monday + " – " + monday.plusDays(6));
		assertThat(html).contains(">33.3 %<", "1/3", ">50.0 %<", "1/2", ">66.7 %<", "2/3");
		assertThat(html).as("the second week has no contacts").contains("0/0");
		// reasons not in the reason list show by their id
		assertThat(html).contains(brand + "-status", "dissatisfier", "100.0 %").doesNotContain(brand + "-advice");
		assertThat(html).as("every rate opens its contacts")
			.contains("/desk/kpis/repeat-contact-rate?from=" + monday + "&amp;to=" + monday.plusDays(6));

		// the page's week is the KPI endpoint's week
		KpiQuery week = new KpiQuery(monday.atStartOfDay(AMSTERDAM).toInstant(),
				monday.plusDays(7).atStartOfDay(AMSTERDAM).toInstant(), null, null, null, brand, Map.of());
		assertThat(kpis.compute("repeat-contact-rate", week).value()).isCloseTo(100.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(kpis.compute("transfer-rate", week).value()).isEqualTo(50.0);

		assertThat(page(Role.PLANNER, "nl", period)).contains("Onnodige contacten", "De redenen erachter");
	}

	@Test
	void agentsDoNotSeeThePage() {
		assertThat(mvc.get().uri("/desk/kpis/unnecessary").with(user(person(Role.AGENT, "en")).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	private String page(Role role, String language, String query) throws Exception {
		var result = mvc.get()
			.uri("/desk/kpis/unnecessary?" + query)
			.with(user(person(role, language)).roles(role.name()))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return result.getResponse().getContentAsString();
	}

	private static Instant at(LocalDate day, int hour) {
		return day.atTime(hour, 0).atZone(AMSTERDAM).toInstant();
	}

	private void append(Instant at, UUID conversation, UUID customer, String brand, ContactEventType type,
			Map<String, Object> attributes) {
		events.append(at, conversation, customer, "email", type, Actor.system("test"), brand, "orders", "orders",
				attributes);
	}

}
