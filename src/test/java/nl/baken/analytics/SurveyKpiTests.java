package nl.baken.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** Survey answers handed in over the API become CSAT and CES, each with its definition. */
@DatabaseTest
class SurveyKpiTests extends ApiTestSupport {

	@Autowired
	Kpis kpis;

	@Test
	void csatCountsFoursAndFivesAndCesIsTheMeanEffort() throws Exception {
		String channel = "survey-" + UUID.randomUUID().toString().substring(0, 8);
		String token = token(Scope.CONVERSATIONS_WRITE, Scope.INBOUND_WRITE);
		String happy = deliver(token, channel);
		String unhappy = deliver(token, channel);
		String silent = deliver(token, channel);

		assertThat(answer(token, happy, "{\"csat\":5,\"ces\":2,\"comment\":\"<b>Top</b>\"}")).isEqualTo(201);
		assertThat(answer(token, unhappy, "{\"csat\":2,\"ces\":6}")).isEqualTo(201);
		assertThat(answer(token, unhappy, "{\"csat\":3}")).as("answered again: the latest counts").isEqualTo(201);
		assertThat(answer(token, silent, "{\"csat\":9}")).isEqualTo(400);
		assertThat(answer(token, silent, "{}")).isEqualTo(400);
		assertThat(answer(token, UUID.randomUUID().toString(), "{\"csat\":4}")).isEqualTo(404);
		assertThat(answer(token(Scope.CONVERSATIONS_READ), silent, "{\"csat\":4}")).isEqualTo(403);

		KpiQuery query = new KpiQuery(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60), channel,
				null, null, null, Map.of());
		KpiResult csat = kpis.compute("csat", query);
		assertThat(csat.identity()).isEqualTo("csat@1");
		assertThat(csat.numerator()).isEqualTo(1);
		assertThat(csat.denominator()).isEqualTo(2);
		assertThat(csat.value()).isEqualTo(50.0);
		KpiResult effort = kpis.compute("customer-effort", query);
		assertThat(effort.value()).isEqualTo(4.0);
		assertThat(kpis.drilldown("csat", query).contacts()).extracting(c -> c.conversationId().toString())
			.containsExactlyInAnyOrder(happy, unhappy);
	}

	private String deliver(String token, String channel) throws Exception {
		var inbound = post(token, "/api/v1/inbound", """
				{"channel":"%s","providerMessageId":"%s","sender":{"email":"%s@example.nl"},"text":"Hallo",
				 "sentAt":"%s"}""".formatted(channel, unique("s"), unique("s"), Instant.now()));
		assertThat(inbound).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(inbound.getResponse().getContentAsString()).get("conversationId").asString();
	}

	private int answer(String token, String conversation, String body) {
		return post(token, "/api/v1/conversations/" + conversation + "/surveys", body).getResponse().getStatus();
	}
}
