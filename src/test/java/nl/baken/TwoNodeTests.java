package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two complete Baken nodes on one PostgreSQL, as in production behind a load balancer: a provider that delivers the
 * same message to both nodes at once must get one stored message and the same answer from each. Always PostgreSQL,
 * whatever {@code baken.test.db} says: sharing PostgreSQL is what is tested. Not a {@link DatabaseTest}, so the build
 * runs it once.
 */
@Tag("cluster")
class TwoNodeTests {

	private static final String TOKEN = "two-node-" + UUID.randomUUID();

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private static final List<URI> inbound = new ArrayList<>();

	private static JdbcClient database;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startTwoNodes() throws Exception {
		EmbeddedPostgres postgres = TestDatabase.postgres();
		// a database of its own, so that rows of other tests on the shared server do not count
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database twonode");
		}
		String url = postgres.getJdbcUrl("postgres", "twonode");
		// one after the other: the first runs Flyway and creates the token, the second finds both done
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext node = new SpringApplicationBuilder(BakenApplication.class).run(
					"--server.port=0", "--baken.demo.enabled=false", "--baken.api.initial-token=" + TOKEN,
					"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=8",
					"--spring.main.banner-mode=off");
			nodes.add(node);
			inbound.add(URI.create(
					"http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port") + "/api/v1/inbound"));
		}
		database = JdbcClient.create(postgres.getDatabase("postgres", "twonode"));
	}

	@AfterAll
	static void stopNodes() {
		nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aMessageDeliveredToBothNodesAtOnceIsStoredOnceAndAnsweredAlike() throws Exception {
		String prefix = "same-";
		List<String> providerIds = new ArrayList<>();
		for (int round = 0; round < 60; round++) {
			String providerId = prefix + round;
			providerIds.add(providerId);
			// ten customers: the first rounds race on a new customer as well, the later ones on an existing one
			String body = message(providerId, "same-" + (round % 10) + "@example.com");
			// the last rounds deliver four times, twice to each node
			int deliveries = round < 50 ? 2 : 4;
			List<JsonNode> receipts = new ArrayList<>();
			List<String> duplicates = new ArrayList<>();
			for (HttpResponse<String> response : atOnce(body, deliveries)) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
				receipts.add(json.readTree(response.body()));
				duplicates.add(response.headers().firstValue("Baken-Duplicate").orElseThrow());
			}
			assertThat(distinct(receipts, "conversationId")).as(providerId).hasSize(1);
			assertThat(distinct(receipts, "messageId")).as(providerId).hasSize(1);
			assertThat(duplicates).as(providerId).containsOnlyOnce("false");
		}
		Map<String, Long> stored = database
			.sql("select provider_message_id, count(*) from message where provider_message_id like ?"
					+ " group by provider_message_id")
			.param(prefix + "%")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(stored).containsOnlyKeys(providerIds)
			.allSatisfy((id, rows) -> assertThat(rows).as(id).isEqualTo(1));
	}

	@Test
	void aNewCustomerWritingToBothNodesAtOnceBecomesOneCustomer() throws Exception {
		for (int round = 0; round < 20; round++) {
			String email = "new-" + round + "@example.com";
			// four different messages, two to each node
			List<String> bodies = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				bodies.add(message("new-" + round + "-" + i, email));
			}
			List<JsonNode> receipts = new ArrayList<>();
			for (HttpResponse<String> response : atOnce(bodies)) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
				receipts.add(json.readTree(response.body()));
			}
			assertThat(distinct(receipts, "customerId")).as(email).hasSize(1);
			assertThat(distinct(receipts, "conversationId")).as(email).hasSize(1);
			assertThat(distinct(receipts, "messageId")).as(email).hasSize(4);
			assertThat(database.sql("select count(*) from customer_identity where identity_value = ?")
				.param(email)
				.query(Long.class)
				.single()).as(email).isEqualTo(1);
		}
	}

	private List<HttpResponse<String>> atOnce(String body, int deliveries) throws Exception {
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < deliveries; i++) {
			bodies.add(body);
		}
		return atOnce(bodies);
	}

	/** Sends body i to node i % 2, all released together so that they really race. */
	private List<HttpResponse<String>> atOnce(List<String> bodies) throws Exception {
		CountDownLatch ready = new CountDownLatch(bodies.size());
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < bodies.size(); i++) {
				HttpRequest request = HttpRequest.newBuilder(inbound.get(i % 2))
					.header("Authorization", "Bearer " + TOKEN)
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
					.build();
				responses.add(threads.submit(() -> {
					ready.countDown();
					ready.await();
					return http.send(request, HttpResponse.BodyHandlers.ofString());
				}));
			}
		}
		List<HttpResponse<String>> done = new ArrayList<>();
		for (Future<HttpResponse<String>> response : responses) {
			done.add(response.get());
		}
		return done;
	}

	private static Set<String> distinct(List<JsonNode> receipts, String field) {
		return receipts.stream().map(r -> r.get(field).asString()).collect(Collectors.toSet());
	}

	private static String message(String providerId, String email) {
		return """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s"},
				 "text":"Is mijn pakket al onderweg?","sentAt":"2026-11-20T09:00:00Z"}"""
			.formatted(providerId, email);
	}
}
