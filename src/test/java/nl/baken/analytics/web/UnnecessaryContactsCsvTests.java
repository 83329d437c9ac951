package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.analytics.internal.ContactFactTable;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unnecessary-contact view's two tables as CSV, on a hand-made week: two contacts of one customer (the second a
 * repeat, both informational, reason starting with '=' to try a formula) and one of another: 3 contacts, 1 repeat,
 * 2 of 3 with a reason informational; behind them one reason with 2 unnecessary contacts.
 */
@DatabaseTest
class UnnecessaryContactsCsvTests extends ApiTestSupport {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	ContactEvents events;

	@Autowired
	ContactFactTable facts;

	@Autowired
	Brands brands;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theWeeksAndTheReasonsAsCsvWithDefinitionsAndFormulasDefused() throws Exception {
		String brand = "uc" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		brands.define(brand, "Unnecessary CSV");
		LocalDate monday = LocalDate.parse("2018-01-01").plusWeeks(UUID.randomUUID().getLeastSignificantBits() & 0xff);
		UUID anna = UUID.randomUUID();
		UUID bert = UUID.randomUUID();
		String reason = "=" + brand;
		Map<String, Object> informational = new LinkedHashMap<>(Map.of("reason", reason, "informational", true,
				"valence", "dissatisfier"));
		transactions.executeWithoutResult(status -> {
			UUID first = UUID.randomUUID();
			append(at(monday, 10), first, anna, brand, ContactEventType.OFFERED, Map.of());
			append(at(monday, 11), first, anna, brand, ContactEventType.RESOLVED, informational);
			UUID repeat = UUID.randomUUID();
			append(at(monday.plusDays(2), 10), repeat, anna, brand, ContactEventType.OFFERED, Map.of());
			append(at(monday.plusDays(2), 11), repeat, anna, brand, ContactEventType.RESOLVED, informational);
			UUID advice = UUID.randomUUID();
			append(at(monday.plusDays(3), 10), advice, bert, brand, ContactEventType.OFFERED, Map.of());
			append(at(monday.plusDays(3), 11), advice, bert, brand, ContactEventType.RESOLVED,
					Map.of("reason", brand + "-advice", "informational", false, "valence", "satisfier"));
		});
		facts.refresh();
		String period = "from=" + monday + "&to=" + monday.plusDays(13) + "&brandId=" + brand;

		List<String> weeks = csv("/desk/kpis/unnecessary?format=csv&" + period);
		assertThat(weeks.getFirst()).startsWith("from,to,contacts,repeats,repeatRatePercent,repeatRateIdentity,");
		assertThat(weeks).hasSize(3);
		assertThat(weeks.get(1)).startsWith(monday + "," + monday.plusDays(6) + ",3,1,33.3333,")
			.contains("\"repeat-contact-rate@2{W=7d,sameReason=false}\"", ",3,2,66.6667,informational-share@1");
		assertThat(weeks.get(2)).startsWith(monday.plusWeeks(1) + "," + monday.plusDays(13) + ",0,0,,");

		List<String> reasons = csv("/desk/kpis/unnecessary?format=csv&table=reasons&" + period);
		assertThat(reasons.getFirst())
			.isEqualTo("reason,valence,repeats,transferred,informational,unnecessary,cumulativeSharePercent");
		assertThat(reasons).contains("'" + reason + ",dissatisfier,1,0,2,2,100");

		assertThat(mvc.get()
			.uri("/desk/kpis/unnecessary?format=csv&table=agents")
			.with(user("lead").roles("TEAM_LEAD"))
			.exchange()).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(mvc.get().uri("/desk/kpis/unnecessary?format=csv").with(user("agent").roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	private List<String> csv(String uri) throws Exception {
		MvcTestResult result = mvc.get().uri(uri).with(user("lead").roles("TEAM_LEAD")).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(result.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
		return result.getResponse().getContentAsString().lines().toList();
	}

	private void append(Instant at, UUID conversation, UUID customer, String brand, ContactEventType type,
			Map<String, Object> attributes) {
		events.append(at, conversation, customer, "email", type, Actor.system("test"), brand, "orders", "orders",
				attributes);
	}

	private static Instant at(LocalDate day, int hour) {
		return day.atTime(hour, 0).atZone(AMSTERDAM).toInstant();
	}
}
