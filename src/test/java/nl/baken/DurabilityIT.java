package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 202 from {@code POST /api/v1/inbound} promises that the message is committed. This kills the packaged
 * application with SIGKILL while many clients are sending, starts it again on the same database and checks that
 * every acknowledged message is there, on the embedded H2 file database and on PostgreSQL.
 */
class DurabilityIT {

	private static final int CLIENTS = 16;

	private static final int CUSTOMERS = 24;

	/** Acknowledged messages before the kill: a second or two of load on a small machine. */
	private static final int KILL_AFTER = 300;

	private static final Path JAR = Path.of("target", "baken.jar");

	/** The applications' output, to diagnose a failure. */
	private static final Path LOGS = Path.of("target", "durability-it");

	private final String token = "durability-" + UUID.randomUUID();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void h2FileDatabaseKeepsEveryAcknowledgedMessage(@TempDir Path dataDir) throws Exception {
		survivesSigkill("h2", "--baken.data-dir=" + dataDir);
	}

	@Test
	void postgresKeepsEveryAcknowledgedMessage() throws Exception {
		EmbeddedPostgres postgres = TestDatabase.postgres();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database durability");
		}
		survivesSigkill("postgres", "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "durability"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=");
	}

	private void survivesSigkill(String name, String... database) throws Exception {
		Map<String, Receipt> acknowledged = new ConcurrentHashMap<>();
		List<String> refused = new CopyOnWriteArrayList<>();
		AtomicInteger sent = new AtomicInteger();
		long killedAfterMillis;
		// declared in this order so that on any failure the application is killed before waiting for the clients
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
				App app = start(name + "-killed", database)) {
			CountDownLatch killPoint = new CountDownLatch(KILL_AFTER);
			long loadStarted = System.nanoTime();
			for (int i = 0; i < CLIENTS; i++) {
				clients.submit(() -> send(app, name, sent, acknowledged, refused, killPoint));
			}
			assertThat(killPoint.await(60, TimeUnit.SECONDS))
				.as("%d acknowledgements within 60 s; refused: %s", KILL_AFTER, refused)
				.isTrue();
			killedAfterMillis = (System.nanoTime() - loadStarted) / 1_000_000;
			app.kill();
			// the clients stop when their connections break; closing the executor waits for that
		}
		assertThat(refused).as("answers other than 202 before the kill").isEmpty();

		Set<Receipt> found = new HashSet<>();
		try (App app = start(name + "-restarted", database)) {
			Set<String> conversations = acknowledged.values()
				.stream()
				.map(Receipt::conversationId)
				.collect(Collectors.toSet());
			for (String conversation : conversations) {
				HttpResponse<String> response = http.send(HttpRequest
					.newBuilder(app.uri("/api/v1/conversations/" + conversation))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 404) {
					continue; // lost with all its messages: they are reported as missing below
				}
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				json.readTree(response.body())
					.get("messages")
					.forEach(m -> found.add(new Receipt(m.get("providerMessageId").asString(), conversation,
							m.get("id").asString())));
			}
		}
		Set<Receipt> missing = new HashSet<>(acknowledged.values());
		missing.removeAll(found);
		System.out.printf("%s: SIGKILL after %d ms of load; %d sent, %d acknowledged, %d verified after restart%n",
				name, killedAfterMillis, sent.get(), acknowledged.size(), acknowledged.size() - missing.size());
		assertThat(missing).as("acknowledged before SIGKILL but gone after restart").isEmpty();
	}

	/** One client: sends new messages until the application dies under it. */
	private void send(App app, String name, AtomicInteger sent, Map<String, Receipt> acknowledged,
			List<String> refused, CountDownLatch killPoint) {
		while (true) {
			String providerId = name + "-" + sent.incrementAndGet();
			String customer = "customer-" + ThreadLocalRandom.current().nextInt(CUSTOMERS) + "@example.com";
			HttpRequest request = HttpRequest.newBuilder(app.uri("/api/v1/inbound"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"channel":"email","providerMessageId":"%s","sender":{"email":"%s"},
						 "text":"Waar blijft mijn bestelling?","sentAt":"2026-11-20T09:00:00Z"}"""
					.formatted(providerId, customer)))
				.build();
			HttpResponse<String> response;
			try {
				response = http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException | InterruptedException killed) {
				return; // no answer, so not acknowledged
			}
			if (response.statusCode() == 202) {
				JsonNode receipt = json.readTree(response.body());
				acknowledged.put(providerId, new Receipt(providerId, receipt.get("conversationId").asString(),
						receipt.get("messageId").asString()));
				killPoint.countDown();
			}
			else {
				refused.add(response.statusCode() + " " + response.body());
				return;
			}
		}
	}

	/** Starts {@code target/baken.jar} with the running JVM's java and waits until it is ready for traffic. */
	private App start(String name, String... database) throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toString(),
				"--server.address=127.0.0.1", "--server.port=" + port, "--baken.demo.enabled=false",
				"--baken.api.initial-token=" + token,
				// readiness turns UP only after the runners, so the initial token exists by then
				"--management.endpoint.health.probes.enabled=true"));
		command.addAll(List.of(database));
		Files.createDirectories(LOGS);
		Path log = LOGS.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		App app = new App(process, port, log);
		try {
			app.awaitReady();
		}
		catch (Throwable e) {
			app.close();
			throw e;
		}
		return app;
	}

	/** The provider id of a message and where the application said it stored it. */
	record Receipt(String providerId, String conversationId, String messageId) {
	}

	private final class App implements AutoCloseable {

		private final Process process;

		private final int port;

		private final Path log;

		App(Process process, int port, Path log) {
			this.process = process;
			this.port = port;
			this.log = log;
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + port + path);
		}

		void awaitReady() throws Exception {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			HttpRequest readiness = HttpRequest.newBuilder(uri("/actuator/health/readiness")).build();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					fail("the application exited with %d while starting; see %s", process.exitValue(), log);
				}
				try {
					if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException notListeningYet) {
					// poll again
				}
				Thread.sleep(200);
			}
			fail("the application was not ready within 90 s; see %s", log);
		}

		/** SIGKILL: no shutdown hook, no connection pool close, no database close runs. */
		void kill() throws InterruptedException {
			process.destroyForcibly();
			assertThat(process.waitFor()).as("exit code of a JVM killed by SIGKILL").isEqualTo(137);
		}

		@Override
		public void close() throws InterruptedException {
			process.destroyForcibly();
			process.waitFor();
		}
	}
}
