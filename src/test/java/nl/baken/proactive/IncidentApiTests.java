package nl.baken.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.EnumSet;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** The incident API and desk pages: declaring, updating, ending, refusals, who may see and do what, the banner. */
@DatabaseTest
class IncidentApiTests extends ApiTestSupport {

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void declareUpdateAndEndThroughTheApi() throws Exception {
		String write = token(Scope.INCIDENTS_WRITE, Scope.INCIDENTS_READ, Scope.EVENTS_WRITE, Scope.INBOUND_WRITE);
		String email = unique("api") + "@example.nl";
		assertThat(post(write, "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s"},"text":"Hallo",
				 "sentAt":"2026-11-26T09:00:00Z"}""".formatted(unique("m"), email))).hasStatus(HttpStatus.ACCEPTED);
		String order = unique("order");
		assertThat(post(write, "/api/v1/events",
				EventIntakeApiTests.shipped(unique("e"), email, order, "PostNL"))).hasStatus(HttpStatus.ACCEPTED);

		MvcTestResult declared = post(write, "/api/v1/incidents", """
				{"kind":"delivery_delay","titleNl":"Vertraging","titleEn":"Delay","statusNl":"Een dag later.",
				 "statusEn":"A day late.","expectedEnd":"2026-11-28T17:00:00Z","audience":{"orderIds":["%s"]}}"""
			.formatted(order));
		assertThat(declared).hasStatus(HttpStatus.CREATED);
		JsonNode report = json.readTree(declared.getResponse().getContentAsString());
		String id = report.get("incident").get("id").asString();
		assertThat(declared.getResponse().getHeader("Location")).isEqualTo("/api/v1/incidents/" + id);
		assertThat(report.get("affectedCustomers").asLong()).isEqualTo(1);
		assertThat(report.get("incident").get("kind").asString()).isEqualTo("delivery_delay");
		assertThat(report.get("contactsPrevented").get("definition").asString()).startsWith("contacts-prevented@1{");

		MvcTestResult updated = post(write, "/api/v1/incidents/" + id + "/updates",
				"{\"statusNl\":\"Morgen.\",\"statusEn\":\"Tomorrow.\"}");
		assertThat(updated).hasStatus(HttpStatus.OK);
		assertThat(json.readTree(updated.getResponse().getContentAsString()).get("incident").get("updates")).hasSize(2);

		JsonNode read = get(token(Scope.INCIDENTS_READ), "/api/v1/incidents/" + id);
		assertThat(read.get("incident").get("open").asBoolean()).isTrue();
		assertThat(get(token(Scope.INCIDENTS_READ), "/api/v1/incidents?state=open").toString()).contains(id);

		assertThat(post(write, "/api/v1/incidents/" + id + "/end", "{\"statusNl\":\"Klaar.\",\"statusEn\":\"Done.\"}"))
			.hasStatus(HttpStatus.OK);
		MvcTestResult afterEnd = post(write, "/api/v1/incidents/" + id + "/updates",
				"{\"statusNl\":\"Nog iets.\",\"statusEn\":\"More.\"}");
		assertThat(afterEnd).hasStatus(HttpStatus.CONFLICT);
		assertThat(get(token(Scope.INCIDENTS_READ), "/api/v1/incidents?state=open").toString()).doesNotContain(id);
	}

	@Test
	void badDeclarationsAreProblemsNamingTheField() throws Exception {
		String write = token(Scope.INCIDENTS_WRITE);
		assertField(post(write, "/api/v1/incidents", """
				{"kind":"meteor","titleNl":"a","titleEn":"a","statusNl":"a","statusEn":"a","audience":{"orderIds":["1"]}}"""),
				"kind");
		assertField(post(write, "/api/v1/incidents", """
				{"kind":"outage","titleNl":"a","titleEn":"a","statusNl":"a","statusEn":"a",
				 "audience":{"postcodeRanges":["1011-99"]}}"""), "audience.postcodeRanges");
		assertField(post(write, "/api/v1/incidents", """
				{"kind":"outage","titleNl":"a","titleEn":"a","statusNl":"a","statusEn":"a","audience":{}}"""),
				"audience");
		assertField(post(write, "/api/v1/incidents", """
				{"kind":"outage","titleNl":"a","statusNl":"a","statusEn":"a","audience":{"products":["x"]}}"""),
				"titleEn");
		assertThat(post(write, "/api/v1/incidents/" + UUID.randomUUID() + "/updates",
				"{\"statusNl\":\"a\",\"statusEn\":\"a\"}")).hasStatus(HttpStatus.NOT_FOUND);
		assertField(post(write, "/api/v1/incidents", """
				{"kind":"outage","titleNl":"a","titleEn":"a","statusNl":"a","statusEn":"a","audience":{"products":["x"]},
				 "colour":"red"}"""), "colour");
	}

	@Test
	void onlyTeamLeadsAndAdminsDeclareOnTheDeskAgentsOnlyLook() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String agent = person("agent-" + suffix, Role.AGENT);
		String lead = person("lead-" + suffix, Role.TEAM_LEAD);
		String planner = person("planner-" + suffix, Role.PLANNER);
		String order = unique("order");
		String form = "kind=delivery_delay&titleNl=Vertraging&titleEn=Delay&statusNl=Later&statusEn=Later&orderIds="
				+ order;
		long before = incidents();

		assertThat(mvc.get().uri("/desk/incidents").with(user(agent)).exchange()).hasStatus(HttpStatus.OK);
		assertThat(mvc.get().uri("/desk/incidents").with(user(planner)).exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.post().uri("/desk/incidents?" + form).with(user(agent)).with(csrf()).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.post().uri("/desk/incidents?" + form).with(user(planner)).with(csrf()).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.post().uri("/desk/incidents?" + form).with(user(lead)).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(incidents()).isEqualTo(before);
		String agentPage = mvc.get().uri("/desk/incidents").with(user(agent)).exchange().getResponse()
			.getContentAsString();
		assertThat(agentPage).doesNotContain("id=\"declare\"");

		MvcTestResult declared = mvc.post().uri("/desk/incidents?" + form).with(user(lead)).with(csrf()).exchange();
		assertThat(declared).hasStatus(HttpStatus.FOUND);
		String location = declared.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/desk/incidents/");
		assertThat(incidents()).isEqualTo(before + 1);
		String id = location.substring("/desk/incidents/".length());

		assertThat(mvc.get().uri(location).with(user(agent)).exchange()).hasStatus(HttpStatus.OK);
		assertThat(mvc.get().uri(location).with(user(planner)).exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.post().uri(location + "/updates?statusNl=a&statusEn=b").with(user(agent)).with(csrf()).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.post().uri(location + "/end?statusNl=a&statusEn=b").with(user(agent)).with(csrf()).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(jdbc.sql("select updates from incident where id = ?").param(UUID.fromString(id)).query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(mvc.get().uri("/desk/incidents/" + UUID.randomUUID()).with(user(lead)).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);

		// a form with a mistake comes back with a readable message, nothing declared
		MvcTestResult bad = mvc.post()
			.uri("/desk/incidents?kind=outage&titleNl=Storing&titleEn=Outage&statusNl=a&statusEn=b&postcodeRanges=10-20")
			.with(user(lead))
			.with(csrf())
			.exchange();
		assertThat(bad).hasStatus(HttpStatus.FOUND);
		assertThat(bad.getResponse().getRedirectedUrl()).isEqualTo("/desk/incidents");
		assertThat(bad.getMvcResult().getFlashMap().get("error")).isEqualTo("incidents.error.audience-postcodeRanges");
		assertThat(incidents()).isEqualTo(before + 1);
	}

	@Test
	void theHelpCenterAndContactPageShowOpenIncidentsAsText() throws Exception {
		String script = "<script>alert('x')</script>";
		String write = token(Scope.INCIDENTS_WRITE);
		MvcTestResult declared = post(write, "/api/v1/incidents", """
				{"kind":"outage","titleNl":"Storing %s","titleEn":"Outage %s","statusNl":"We werken eraan.",
				 "statusEn":"We are on it.","audience":{"postcodeRanges":["1011-1099"]}}""".formatted(script, script));
		assertThat(declared).hasStatus(HttpStatus.CREATED);
		String id = json.readTree(declared.getResponse().getContentAsString()).get("incident").get("id").asString();

		String help = mvc.get().uri("/help/en").exchange().getResponse().getContentAsString();
		assertThat(help).contains("incident-banner", "Outage &lt;script&gt;", "We are on it.").doesNotContain(script);
		String contact = mvc.get().uri("/contact/nl").exchange().getResponse().getContentAsString();
		assertThat(contact).contains("incident-banner", "Storing &lt;script&gt;", "We werken eraan.");

		assertThat(post(write, "/api/v1/incidents/" + id + "/end", "{\"statusNl\":\"Over.\",\"statusEn\":\"Over.\"}"))
			.hasStatus(HttpStatus.OK);
		assertThat(mvc.get().uri("/help/en").exchange().getResponse().getContentAsString()).doesNotContain("Outage &lt;script&gt;");
	}

	private long incidents() {
		return jdbc.sql("select count(*) from incident").query(Long.class).single();
	}

	private String person(String username, Role role) {
		users.create(new NewUser(username, username, "incident-wachtwoord-1", EnumSet.of(role), null, "en"),
				Actor.system("test"));
		return username;
	}

	private void assertField(MvcTestResult result, String field) throws Exception {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		JsonNode problem = json.readTree(result.getResponse().getContentAsString());
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
	}
}
