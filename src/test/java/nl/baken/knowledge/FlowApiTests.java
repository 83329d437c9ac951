package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** Guided flows through the API, on H2 and PostgreSQL: saved whole, refused with problem+json when unsound. */
@DatabaseTest
class FlowApiTests extends ApiTestSupport {

	@Autowired
	Teams teams;

	String token;

	String team;

	@BeforeEach
	void team() {
		token = token();
		team = unique("t").substring(0, 20);
		teams.define(team, "Bezorging", "Delivery");
	}

	String flow(String title, String lastStep) {
		return """
				{"titleNl":"%s","titleEn":"Parcel not arrived","start":"where",
				 "steps":[
				  {"id":"where","kind":"question","textNl":"Wat zegt de track-and-trace?","textEn":"What does tracking say?",
				   "options":[{"labelNl":"Bezorgd","labelEn":"Delivered","next":"neighbours"},
				              {"labelNl":"Onderweg","labelEn":"On its way","next":"wait"}]},
				  {"id":"wait","kind":"answer","textNl":"Wacht nog een dag.","textEn":"Wait one more day."},
				  {"id":"neighbours","kind":"question","textNl":"Buren gevraagd?","textEn":"Asked the neighbours?",
				   "options":[{"labelNl":"Ja","labelEn":"Yes","next":"team"},{"labelNl":"Nee","labelEn":"No","next":"ask"}]},
				  {"id":"ask","kind":"action","textNl":"Vraag het de buren.","textEn":"Ask the neighbours."},
				  %s]}""".formatted(title, lastStep);
	}

	String handOff() {
		return """
				{"id":"team","kind":"handoff","textNl":"We zoeken het uit.","textEn":"We will look into it.",
				 "teamId":"%s"}""".formatted(team);
	}

	@Test
	void aFlowIsSavedReadReplacedAndDeleted() throws Exception {
		MvcTestResult created = post(token, "/api/v1/knowledge/flows", flow("Pakket niet aangekomen", handOff()));
		assertThat(created).hasStatus(HttpStatus.CREATED);
		JsonNode flow = json.readTree(created.getResponse().getContentAsString());
		String id = flow.get("id").asString();
		assertThat(flow.get("version").asInt()).isEqualTo(1);

		JsonNode read = get(token, "/api/v1/knowledge/flows/" + id);
		assertThat(read.get("start").asString()).isEqualTo("where");
		assertThat(read.get("steps")).hasSize(5);
		assertThat(read.get("steps").get(4).get("kind").asString()).isEqualTo("handoff");
		assertThat(read.get("steps").get(4).get("teamId").asString()).isEqualTo(team);
		assertThat(get(token, "/api/v1/knowledge/flows").findValuesAsString("id")).contains(id);

		MvcTestResult replaced = mvc.put()
			.uri("/api/v1/knowledge/flows/" + id)
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(flow("Pakket kwijt", handOff()).replaceFirst("\\{", "{\"baseVersion\":1,"))
			.exchange();
		assertThat(replaced).hasStatusOk();
		assertThat(get(token, "/api/v1/knowledge/flows/" + id).get("titleNl").asString()).isEqualTo("Pakket kwijt");

		// an editor still on version 1 is refused rather than overwriting version 2
		assertThat(mvc.put()
			.uri("/api/v1/knowledge/flows/" + id)
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(flow("Oud", handOff()).replaceFirst("\\{", "{\"baseVersion\":1,"))
			.exchange()).hasStatus(HttpStatus.CONFLICT);

		assertThat(mvc.delete().uri("/api/v1/knowledge/flows/" + id).header("Authorization", token).exchange())
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(mvc.get().uri("/api/v1/knowledge/flows/" + id).header("Authorization", token).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void unsoundFlowsAreRefusedWithProblemJson() throws Exception {
		String cycle = """
				{"id":"team","kind":"question","textNl":"Opnieuw?","textEn":"Again?",
				 "options":[{"labelNl":"Ja","labelEn":"Yes","next":"where"}]}""";
		String dangling = """
				{"id":"team","kind":"question","textNl":"Verder?","textEn":"Further?",
				 "options":[{"labelNl":"Ja","labelEn":"Yes","next":"nowhere"}]}""";
		String unknownTeam = """
				{"id":"team","kind":"handoff","textNl":"Team","textEn":"Team","teamId":"no-such-team"}""";
		String unknownArticle = """
				{"id":"team","kind":"answer","textNl":"Lees","textEn":"Read","articleId":"%s"}"""
			.formatted(UUID.randomUUID());
		String badKind = """
				{"id":"team","kind":"maybe","textNl":"Lees","textEn":"Read"}""";
		for (String step : new String[] { cycle, dangling, unknownTeam, unknownArticle, badKind }) {
			MvcTestResult refused = post(token, "/api/v1/knowledge/flows", flow("Kapot", step));
			assertThat(refused).as(step).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
		}
		JsonNode problem = json.readTree(
				post(token, "/api/v1/knowledge/flows", flow("Kapot", cycle)).getResponse().getContentAsString());
		assertThat(problem.toString()).contains("round in circles");
		assertThat(post(token, "/api/v1/knowledge/flows", "{\"titleNl\":\"x\"}")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void readingNeedsTheReadScopeAndWritingTheWriteScope() {
		String reader = token(Scope.KNOWLEDGE_READ);
		assertThat(post(reader, "/api/v1/knowledge/flows", flow("Lezer", handOff()))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get().uri("/api/v1/knowledge/flows").header("Authorization", reader).exchange()).hasStatusOk();
	}
}
