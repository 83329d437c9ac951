import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Inbound throughput benchmark: starts target/baken.jar on H2 or on PostgreSQL, posts messages over HTTP on loopback
 * with N concurrent clients, and prints acknowledged messages per second with p50/p99 latency; then, on the same
 * database engine and settings, the rate of a plain JDBC loop that inserts and commits one row at a time.
 *
 * Usage (see bench/inbound.sh): java -cp CLASSPATH bench/InboundLoad.java h2|postgres [clients] [seconds]
 */
public class InboundLoad {

	static final String TOKEN = "bench-token-" + System.nanoTime();

	/** The settings of the embedded default in application.properties. */
	static final String H2_SETTINGS = ";QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE";

	public static void main(String[] args) throws Exception {
		String database = args.length > 0 ? args[0] : "h2";
		int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		Path work = Files.createTempDirectory("baken-bench-");
		EmbeddedPostgres postgres = null;
		String jdbcUrl;
		String user;
		if (database.equals("postgres")) {
			// durable commits, as in production (the embedded server's default is synchronous_commit=off)
			postgres = EmbeddedPostgres.builder()
				.setDataDirectory(work.resolve("pg"))
				.setCleanDataDirectory(true)
				.setServerConfig("synchronous_commit", "on")
				.start();
			jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
			user = "postgres";
		}
		else {
			jdbcUrl = "jdbc:h2:file:" + work.resolve("data/baken") + H2_SETTINGS;
			user = "baken";
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", "target/baken.jar", "--server.port=" + port, "--baken.demo.enabled=false",
				"--baken.api.initial-token=" + TOKEN, "--spring.datasource.url=" + jdbcUrl,
				"--spring.datasource.username=" + user, "--spring.datasource.password=", "--logging.level.root=WARN"));
		Process app = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(work.resolve("app.log").toFile())
			.start();
		try {
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			waitUntilUp(http, port);
			System.out.printf(Locale.ROOT, "database=%s clients=%d cores=%d java=%s%n", database, clients,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
			load(http, port, clients, 5, false);
			Result result = load(http, port, clients, seconds, true);
			System.out.printf(Locale.ROOT, "inbound: %d acknowledged in %.1f s = %.0f msg/s, p50 %.2f ms, p99 %.2f ms, "
					+ "errors %d%n", result.acknowledged, result.seconds, result.acknowledged / result.seconds,
					result.p50Millis, result.p99Millis, result.errors);
			if (database.equals("h2")) {
				// The app holds the H2 file lock; the floor uses a second file with the same engine and settings.
				jdbcUrl = "jdbc:h2:file:" + work.resolve("floor/floor") + H2_SETTINGS;
			}
			double floor = jdbcFloor(jdbcUrl, user, 10);
			System.out.printf(Locale.ROOT, "plain JDBC insert+commit, one thread: %.0f rows/s%n", floor);
			System.out.printf(Locale.ROOT, "inbound / plain JDBC = %.2f%n", result.acknowledged / result.seconds / floor);
		}
		finally {
			app.destroy();
			app.waitFor();
			if (postgres != null) {
				postgres.close();
			}
		}
	}

	record Result(long acknowledged, long errors, double seconds, double p50Millis, double p99Millis) {
	}

	static Result load(HttpClient http, int port, int clients, int seconds, boolean measured) throws Exception {
		URI inbound = URI.create("http://127.0.0.1:" + port + "/api/v1/inbound");
		AtomicLong sequence = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		long[][] latencies = new long[clients][];
		int[] counts = new int[clients];
		long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		long started = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			latencies[c] = new long[1 << 16];
			threads.add(Thread.ofPlatform().start(() -> {
				while (System.nanoTime() < deadline) {
					long n = sequence.incrementAndGet();
					// 20,000 customers: most messages continue a conversation, as in a real inbox
					String body = """
							{"channel":"%s","providerMessageId":"%s-%d","sender":{"email":"klant%d@example.nl"},
							 "text":"Waar blijft mijn bestelling %d?","sentAt":"%s"}"""
						.formatted(n % 3 == 0 ? "webchat" : "email", measured ? "m" : "w", n, n % 20_000, n,
								Instant.now());
					HttpRequest request = HttpRequest.newBuilder(inbound)
						.header("Authorization", "Bearer " + TOKEN)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build();
					long t0 = System.nanoTime();
					try {
						HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
						if (response.statusCode() != 202) {
							errors.incrementAndGet();
							continue;
						}
					}
					catch (IOException | InterruptedException e) {
						errors.incrementAndGet();
						continue;
					}
					if (counts[client] == latencies[client].length) {
						latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
					}
					latencies[client][counts[client]++] = System.nanoTime() - t0;
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int c = 0; c < clients; c++) {
			System.arraycopy(latencies[c], 0, all, at, counts[c]);
			at += counts[c];
		}
		Arrays.sort(all);
		return new Result(total, errors.get(), elapsed, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
	}

	static double jdbcFloor(String url, String user, int seconds) throws Exception {
		try (Connection connection = DriverManager.getConnection(url, user, "")) {
			connection.setAutoCommit(false);
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("create table if not exists bench_floor (id bigint primary key, body varchar(200))");
				connection.commit();
			}
			long rows = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
			long started = System.nanoTime();
			boolean h2 = url.startsWith("jdbc:h2:");
			try (PreparedStatement insert = connection.prepareStatement("insert into bench_floor values (?, ?)");
					Statement checkpoint = connection.createStatement()) {
				while (System.nanoTime() < deadline) {
					insert.setLong(1, rows);
					insert.setString(2, "Waar blijft mijn bestelling " + rows + "?");
					insert.executeUpdate();
					connection.commit();
					if (h2) {
						// what makes an H2 commit survive a killed JVM, as in the app (DurableTransactionManager)
						checkpoint.execute("CHECKPOINT");
					}
					rows++;
				}
			}
			return rows / ((System.nanoTime() - started) / 1e9);
		}
	}

	static double percentile(long[] sorted, double p) {
		return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	}

	static void waitUntilUp(HttpClient http, int port) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Baken did not start within 90 s");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
