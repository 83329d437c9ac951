package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import nl.baken.TestDatabase;
import nl.baken.access.ApiTokens;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Like {@code ApiTestSupport}, on a database of its own: available agents here would otherwise take the contacts
 * other tests expect to stay unassigned. The scheduled pass is off; tests run {@link Routing#dispatch()} themselves.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "baken.demo.enabled=false", "baken.routing.dispatch.enabled=false" })
@Import(RoutingTestSupport.Clocks.class)
abstract class RoutingTestSupport {

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}
	}

	@Autowired
	protected TestClock clock;

	@Autowired
	protected MockMvcTester mvc;

	@Autowired
	protected ApiTokens tokens;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected Users users;

	@Autowired
	protected Routing routing;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws SQLException {
		if (TestDatabase.isPostgres()) {
			var server = TestDatabase.postgres();
			try (Connection connection = server.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				if (!statement.executeQuery("select 1 from pg_database where datname = 'routing'").next()) {
					statement.execute("create database routing");
				}
			}
			registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "routing"));
			registry.add("spring.datasource.username", () -> "postgres");
			registry.add("spring.datasource.password", () -> "");
		}
		else {
			registry.add("spring.datasource.url", () -> "jdbc:h2:mem:baken-routing;DB_CLOSE_DELAY=-1");
		}
	}

	/** Agents of one test must not take the next test's contacts. */
	@AfterEach
	void everyoneOffline() {
		jdbc.sql("update routing_agent set presence = 'offline'").update();
		jdbc.sql("update routing_work set status = 'cancelled' where status = 'waiting'").update();
	}

	protected String token(Scope... scopes) {
		Set<Scope> set = scopes.length == 0 ? EnumSet.allOf(Scope.class) : EnumSet.of(scopes[0], scopes);
		return "Bearer " + tokens.issue("test-" + UUID.randomUUID(), set, Actor.system("test")).token();
	}

	protected String agent(String teamId) {
		String name = "a" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(name, "Agent " + name, "correct horse battery", EnumSet.of(Role.AGENT), teamId, "nl"),
				Actor.system("test"));
		return name;
	}

	protected MvcTestResult send(String method, String token, String uri, String body) {
		var request = switch (method) {
			case "PUT" -> mvc.put();
			case "GET" -> mvc.get();
			default -> mvc.post();
		};
		var builder = request.uri(uri).header("Authorization", token);
		if (body != null) {
			builder = builder.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return builder.exchange();
	}

	protected JsonNode ok(MvcTestResult result) throws Exception {
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isBetween(200, 201);
		return json.readTree(result.getResponse().getContentAsString());
	}

	/** A customer's message on a channel; returns the conversation id. */
	protected String inbound(String token, String channel, String email, String language, String brand)
			throws Exception {
		String body = """
				{"channel":"%s","providerMessageId":"%s","sender":{"email":"%s"},"text":"Hallo",%s%s
				 "sentAt":"2026-11-20T09:00:00Z"}""".formatted(channel, UUID.randomUUID(), email,
				language == null ? "" : "\"language\":\"" + language + "\",",
				brand == null ? "" : "\"brand\":\"" + brand + "\",");
		MvcTestResult result = send("POST", token, "/api/v1/inbound", body);
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString()).get("conversationId").asString();
	}

	protected static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}
}
