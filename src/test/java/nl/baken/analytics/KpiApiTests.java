package nl.baken.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.customer.Brands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** Contacts made and resolved through the API, read back as KPIs with their definitions and drill-down. */
@DatabaseTest
class KpiApiTests extends ApiTestSupport {

	@Autowired
	Brands brands;

	@Autowired
	ContactReasons reasons;

	@Test
	void aKpiComesWithItsDefinitionAndTheContactsItCounted() throws Exception {
		String token = token(Scope.INBOUND_WRITE, Scope.CONVERSATIONS_WRITE, Scope.ANALYTICS_READ);
		String brand = ("b" + unique("").replace("-", "")).substring(0, 20);
		brands.define(brand, "KPI test brand");
		String hours = ("hours" + unique("")).substring(0, 40);
		String broken = ("broken" + unique("")).substring(0, 40);
		reasons.define(new ContactReason(hours, "Openingstijden", "Opening hours", true, false));
		reasons.define(new ContactReason(broken, "Kapot", "Broken", false, false));
		Instant start = Instant.now().minusSeconds(5);

		String first = inbound(token, brand, "webchat", "Hoe laat zijn jullie open?");
		String second = inbound(token, brand, "email", "Mijn tuinstoel is kapot");
		String third = inbound(token, brand, "webchat", "Hallo?");
		reply(token, first);
		resolve(token, first, hours);
		reply(token, second);
		resolve(token, second, broken);
		String period = "from=" + start + "&to=" + Instant.now().plusSeconds(5) + "&brandId=" + brand;

		// two of three contacts got an answer within an hour; the third is still waiting, and not late yet
		JsonNode sl = get(token, "/api/v1/kpis/service-level?" + period + "&thresholdSeconds=3600&abandons=ignore");
		assertThat(sl.get("value").asDouble()).isCloseTo(100.0, within(1e-9));
		assertThat(sl.get("numerator").asDouble()).isEqualTo(2);
		assertThat(sl.get("denominator").asDouble()).isEqualTo(2);
		assertThat(sl.get("identity").asString())
			.isEqualTo("service-level@1{T=3600s,S=5s,abandons=ignore,includeIvr=false,includeFlowOuts=false}");
		JsonNode definition = sl.get("definition");
		assertThat(definition.get("version").asInt()).isEqualTo(1);
		assertThat(definition.get("identity").asString()).isEqualTo(sl.get("identity").asString());
		assertThat(definition.get("descriptionNl").asString()).contains("first_agent_response");
		assertThat(definition.get("descriptionEn").asString()).contains("first agent response");
		assertThat(definition.get("parameters")).hasSize(5);

		JsonNode share = get(token, "/api/v1/kpis/informational-share?" + period);
		// one of the two resolved contacts had an informational reason
		assertThat(share.get("value").asDouble()).isCloseTo(50.0, within(1e-9));
		assertThat(share.get("identity").asString()).isEqualTo("informational-share@1");
		JsonNode page = get(token, share.get("contacts").asString());
		assertThat(page.get("total").asInt()).isEqualTo(2);
		List<String> numerator = new ArrayList<>();
		page.get("contacts").forEach(c -> {
			assertThat(c.get("denominator").asBoolean()).isTrue();
			if (c.get("numerator").asBoolean()) {
				numerator.add(c.get("conversationId").asString());
			}
		});
		assertThat(numerator).containsExactly(first);

		MvcTestResult csv = mvc.get()
			.uri(share.get("contacts").asString())
			.header("Authorization", token)
			.accept(MediaType.parseMediaType("text/csv"))
			.exchange();
		assertThat(csv).hasStatus(HttpStatus.OK);
		assertThat(csv.getResponse().getHeader("Baken-Kpi-Identity")).isEqualTo("informational-share@1");
		String[] lines = csv.getResponse().getContentAsString().split("\r\n");
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).startsWith("conversationId,customerId,channel");
		assertThat(csv.getResponse().getContentAsString()).contains(first + ",", second + ",");

		JsonNode backlog = get(token, "/api/v1/kpis/backlog?" + period);
		assertThat(backlog.get("value").asDouble()).isEqualTo(1.0);
		JsonNode waiting = get(token, backlog.get("contacts").asString() + "&limit=1");
		assertThat(waiting.get("contacts").get(0).get("conversationId").asString()).isEqualTo(third);
		assertThat(waiting.get("next").isNull()).isTrue();
	}

	@Test
	void listsTheDefinitionsAndRefusesUnknownKpisAndParameters() throws Exception {
		String token = token(Scope.ANALYTICS_READ);
		JsonNode all = get(token, "/api/v1/kpis");
		List<String> names = new ArrayList<>();
		all.forEach(d -> names.add(d.get("name").asString()));
		assertThat(names).contains("service-level", "average-speed-of-answer", "abandonment-rate",
				"repeat-contact-rate", "first-contact-resolution", "transfer-rate", "informational-share", "backlog");
		all.forEach(d -> assertThat(d.get("titleNl").asString()).isNotBlank());

		MvcTestResult unknown = mvc.get().uri("/api/v1/kpis/happiness").header("Authorization", token).exchange();
		assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(unknown.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);

		MvcTestResult bad = mvc.get()
			.uri("/api/v1/kpis/service-level?thresholdSeconds=soon")
			.header("Authorization", token)
			.exchange();
		assertThat(bad).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(bad).bodyJson().extractingPath("$.errors[0].field").isEqualTo("thresholdSeconds");

		MvcTestResult badPeriod = mvc.get()
			.uri("/api/v1/kpis/service-level?from=yesterday")
			.header("Authorization", token)
			.exchange();
		assertThat(badPeriod).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(badPeriod).bodyJson().extractingPath("$.errors[0].field").isEqualTo("from");
	}

	private String inbound(String token, String brand, String channel, String text) throws Exception {
		String sender = channel.equals("email") ? "\"email\":\"%s@example.com\"".formatted(unique("kpi"))
				: "\"webVisitorId\":\"%s\"".formatted(unique("visitor"));
		MvcTestResult result = mvc.post()
			.uri("/api/v1/inbound")
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"channel":"%s","providerMessageId":"%s","sender":{%s},"brand":"%s","text":"%s","sentAt":"%s"}"""
				.formatted(channel, unique("msg"), sender, brand, text, Instant.now()))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString()).get("conversationId").asString();
	}

	private void reply(String token, String conversation) {
		assertThat(mvc.post()
			.uri("/api/v1/conversations/" + conversation + "/replies")
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"agentId\":\"anna\",\"text\":\"Dag!\"}")).hasStatus(HttpStatus.CREATED);
	}

	private void resolve(String token, String conversation, String reason) {
		assertThat(mvc.post()
			.uri("/api/v1/conversations/" + conversation + "/resolve")
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"agentId\":\"anna\",\"reasonId\":\"" + reason + "\"}")).hasStatus(HttpStatus.OK);
	}
}
