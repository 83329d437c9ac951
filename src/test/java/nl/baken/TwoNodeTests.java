package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
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
 * same message to both nodes at once must get one stored message and the same answer from each, and a desk page held
 * by one node hears of what arrived at the other. Always PostgreSQL,
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

	@Test
	void aDeskPageOnOneNodeHearsOfAMessageThatArrivedAtTheOther() throws Exception {
		String agent = "live-" + UUID.randomUUID().toString().substring(0, 8);
		nodes.getFirst()
			.getBean(Users.class)
			.create(new NewUser(agent, "Live Agent", "twee-nodes-wachtwoord", EnumSet.of(Role.AGENT), null, "nl"),
					Actor.system("test"));
		URI second = inbound.get(1).resolve("/");
		String session = logIn(second, agent, "twee-nodes-wachtwoord");
		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		HttpRequest live = HttpRequest.newBuilder(second.resolve("/desk/live"))
			.header("Cookie", session)
			.header("Accept", "text/event-stream")
			.build();
		CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(live,
				HttpResponse.BodyHandlers.ofLines());
		Thread.ofVirtual().start(() -> stream.join().body().forEach(heard::add));
		Thread.sleep(1_000);

		HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(inbound.getFirst())
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(message("live-" + UUID.randomUUID(), "live@example.com")))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);
		String conversation = json.readTree(delivered.body()).get("conversationId").asString();

		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		boolean told = false;
		while (!told && System.nanoTime() < deadline) {
			String line = heard.poll(1, TimeUnit.SECONDS);
			told = line != null && line.startsWith("data:") && line.contains(conversation);
		}
		stream.cancel(true);
		assertThat(told).as("the page on node 2 was told about conversation %s from node 1", conversation).isTrue();
	}

	/** Logs in through the form like a browser does; the session cookie. */
	private String logIn(URI node, String username, String password) throws Exception {
		HttpResponse<String> form = http.send(HttpRequest.newBuilder(node.resolve("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(node.resolve("/login"))
			.header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password + "&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/desk");
		return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
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
