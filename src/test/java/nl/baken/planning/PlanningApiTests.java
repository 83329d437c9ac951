package nl.baken.planning;

import static org.assertj.core.api.Assertions.assertThat;

import nl.baken.ApiTestSupport;
import nl.baken.access.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlanningApiTests extends ApiTestSupport {

	final JsonMapper json = JsonMapper.builder().build();

	static final String PLAN = """
			{"intervalMinutes":30,"ahtSeconds":180,"targetSeconds":20,"targetServiceLevel":0.8,
			 "patienceSeconds":300,"shrinkage":0.3,
			 "intervals":[{"start":"2026-01-05T09:00","calls":60},{"start":"2026-01-05T09:30","calls":160},
			              {"start":"2026-01-05T10:00","calls":100},{"start":"2026-01-05T10:30","calls":40}],
			 "whatIf":{"deflectionShare":0.1,"callbackShare":0.5,"callbackWindowMinutes":60,"ahtChange":-0.05}}""";

	MvcTestResult post(String path, String body, MediaType accept) {
		return mvc.post().uri(path).header("Authorization", token(Scope.PLANNING)).contentType(MediaType.APPLICATION_JSON)
			.accept(accept).content(body).exchange();
	}

	@Test
	void erlangAnswersOneInterval() {
		MvcTestResult result = post("/api/v1/planning/erlang", """
				{"calls":100,"intervalMinutes":30,"ahtSeconds":180,"targetSeconds":20,"targetServiceLevel":0.8}""",
				MediaType.APPLICATION_JSON);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		JsonNode answer = json.readTree(result.getResponse().getContentAsByteArray());
		assertThat(answer.get("agents").asInt()).isEqualTo(14);
		assertThat(answer.get("serviceLevel").asDouble()).isBetween(0.888349, 0.888351);
	}

	/**
	 * 7 agents with two chats each are what Erlang C calls 14 servers; when a second chat makes both 20% slower the
	 * simulation needs more agents than the formula, and the answer says how many.
	 */
	@Test
	void aSimulationStaffsChatsThatSlowEachOtherDown() {
		MvcTestResult result = post("/api/v1/planning/simulations", """
				{"interval":{"calls":100,"intervalMinutes":30,"ahtSeconds":180,"targetSeconds":20,
				 "targetServiceLevel":0.8,"concurrency":2},"chatSlowdown":0.2}""", MediaType.APPLICATION_JSON);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		JsonNode answer = json.readTree(result.getResponse().getContentAsByteArray());
		assertThat(answer.get("formulaAgents").asInt()).isEqualTo(7);
		assertThat(answer.get("agents").asInt()).isGreaterThan(7);
		assertThat(answer.get("serviceLevel").asDouble()).isGreaterThanOrEqualTo(0.8);
		assertThat(answer.get("callbacksInTime").asDouble()).isEqualTo(1.0);

		assertThat(post("/api/v1/planning/simulations", """
				{"interval":{"calls":100,"intervalMinutes":30,"ahtSeconds":180,"targetSeconds":20,
				 "targetServiceLevel":0.8},"callbackShare":1.5}""", MediaType.APPLICATION_JSON))
			.hasStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("callbackShare");
	}

	@Test
	void badFiguresAreProblems() {
		MvcTestResult result = post("/api/v1/planning/erlang", """
				{"calls":100,"intervalMinutes":30,"ahtSeconds":-1,"targetSeconds":20,"targetServiceLevel":0.8}""",
				MediaType.APPLICATION_JSON);
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		JsonNode problem = json.readTree(result.getResponse().getContentAsByteArray());
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("ahtSeconds");
		assertThat(post("/api/v1/planning/staffing-plans", "{\"intervalMinutes\":30}", MediaType.APPLICATION_JSON)
			.getResponse()
			.getStatus()).isEqualTo(400);
		// valid figures whose Erlang A queue is too long to model: a readable refusal, not a server error
		MvcTestResult unsettled = post("/api/v1/planning/erlang", """
				{"calls":100000,"intervalMinutes":15,"ahtSeconds":300,"targetSeconds":20,"targetServiceLevel":0.8,
				 "patienceSeconds":864000,"agents":10}""", MediaType.APPLICATION_JSON);
		assertThat(unsettled.getResponse().getStatus()).isEqualTo(400);
		assertThat(unsettled.getResponse().getContentType()).startsWith("application/problem+json");
	}

	@Test
	void planComparesTheWhatIfWithTheBase() {
		MvcTestResult result = post("/api/v1/planning/staffing-plans", PLAN, MediaType.APPLICATION_JSON);
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		JsonNode plan = json.readTree(result.getResponse().getContentAsByteArray());
		JsonNode peak = plan.get("intervals").get(1);
		assertThat(peak.get("base").get("model").asString()).isEqualTo("erlang-a");
		assertThat(peak.get("whatIfCalls").asDouble()).isLessThan(peak.get("calls").asDouble());
		assertThat(peak.get("whatIf").get("agents").asInt()).isLessThan(peak.get("base").get("agents").asInt());
		assertThat(plan.get("whatIfAgentHours").asDouble()).isLessThan(plan.get("agentHours").asDouble());
		// callbacks move work, deflection removes 10%: total offered drops by exactly the deflected share
		double offered = 0;
		for (JsonNode interval : plan.get("intervals")) {
			offered += interval.get("whatIfCalls").asDouble();
		}
		assertThat(offered).isCloseTo(360 * 0.9, org.assertj.core.api.Assertions.within(1e-9));
	}

	@Test
	void planAsCsv() throws Exception {
		MvcTestResult result = post("/api/v1/planning/staffing-plans", PLAN, MediaType.parseMediaType("text/csv"));
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		String csv = result.getResponse().getContentAsString();
		assertThat(csv.lines()).hasSize(5);
		assertThat(csv).startsWith("start,calls,agents,scheduled_agents,service_level");
		assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("2026-01-05T09:00,60.000000,");
	}
}
