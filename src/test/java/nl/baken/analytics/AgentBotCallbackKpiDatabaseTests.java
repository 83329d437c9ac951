package nl.baken.analytics;

import static nl.baken.analytics.HandMadeLog.FROM;
import static nl.baken.analytics.HandMadeLog.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The hand-made log of {@link HandMadeLog} written to the database and read back through the engine and the API. */
@DatabaseTest
class AgentBotCallbackKpiDatabaseTests extends ApiTestSupport {

	@Autowired
	Kpis kpis;

	@Autowired
	ContactEvents events;

	@Autowired
	Brands brands;

	@Autowired
	Teams teams;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theHandMadeLogGivesTheSameFiguresFromTheDatabase() throws Exception {
		String suffix = unique("").replace("-", "").substring(0, 12);
		String brand = "hb" + suffix;
		String team = "ht" + suffix;
		brands.define(brand, "Hand-made");
		teams.define(team, "Handgemaakt", "Hand-made");
		HandMadeLog log = new HandMadeLog(brand, team, suffix + ".");
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			for (ContactEvent e : log.events()) {
				events.append(e.occurredAt(), e.conversationId(), e.customerId(), e.channel(), e.type(), e.actor(),
						e.brandId(), e.teamId(), e.queue(), e.attributes());
			}
		});

		assertThat(compute("handle-time", brand, null).value()).isCloseTo(HandMadeLog.HANDLE_TIME,
				within(1e-6));
		assertThat(compute("handle-time", brand, null, "excludeCustomerWait", "false").value())
			.isCloseTo(HandMadeLog.HANDLE_TIME_WITH_WAIT, within(1e-6));
		assertThat(compute("occupancy", null, team).value()).isCloseTo(HandMadeLog.OCCUPANCY, within(1e-6));
		assertThat(compute("bot-containment", brand, null).value()).isCloseTo(HandMadeLog.CONTAINMENT, within(1e-6));
		assertThat(compute("bot-false-containment", brand, null).value()).isCloseTo(HandMadeLog.FALSE_CONTAINMENT,
				within(1e-6));
		assertThat(compute("callback-promise-kept", brand, null).value()).isCloseTo(HandMadeLog.CALLBACKS_KEPT,
				within(1e-6));

		// over the API: the definition with its version, and the agents' rows in the drill-down
		String token = token(Scope.ANALYTICS_READ);
		String period = "from=" + FROM + "&to=" + TO + "&teamId=" + team;
		JsonNode occupancy = get(token, "/api/v1/kpis/occupancy?" + period);
		assertThat(occupancy.get("identity").asString()).isEqualTo("occupancy@1");
		assertThat(occupancy.get("value").asDouble()).isCloseTo(HandMadeLog.OCCUPANCY, within(1e-6));
		JsonNode rows = get(token, "/api/v1/kpis/occupancy/contacts?" + period).get("contacts");
		assertThat(rows).hasSize(6);
		assertThat(rows.valueStream().filter(r -> r.get("conversationId").isNull()).map(r -> r.get("agentId").asString()))
			.containsExactlyInAnyOrder(suffix + ".anna", suffix + ".bert");
		JsonNode kept = get(token, "/api/v1/kpis/callback-promise-kept?from=" + FROM + "&to=" + TO + "&brandId=" + brand);
		assertThat(kept.get("numerator").asDouble()).isEqualTo(2);
		assertThat(kept.get("denominator").asDouble()).isEqualTo(6);
		assertThat(kept.get("identity").asString()).isEqualTo("callback-promise-kept@2");
	}

	private KpiResult compute(String name, String brand, String team, String... parameters) {
		Map<String, String> given = new java.util.HashMap<>();
		for (int i = 0; i < parameters.length; i += 2) {
			given.put(parameters[i], parameters[i + 1]);
		}
		return kpis.compute(name, new KpiQuery(FROM, TO, null, team, null, brand, given));
	}
}
