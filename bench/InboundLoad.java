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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Inbound throughput benchmark: starts target/baken.jar on H2 or on PostgreSQL, posts messages over HTTP on loopback
 * with N concurrent connections (wrk, bench/inbound.lua), and prints acknowledged messages per second with p50/p99 latency; then, on the same
 * database engine and settings, the rate of a plain JDBC loop that inserts and commits one row at a time.
 *
 * Usage (see bench/inbound.sh): java -cp CLASSPATH bench/InboundLoad.java h2|postgres [clients] [seconds]
 * [app arguments]. Also prints the app's CPU time (user + system, from /proc) per acknowledged message over the
 * measured run: on a shared machine that moves less than throughput; and the bytes it wrote per acknowledged message
 * (H2's chunks, the responses). BAKEN_BENCH_JVM_OPTIONS adds JVM options to the app
 * (e.g. {@code -XX:StartFlightRecording=delay=40s,duration=40s,settings=profile,filename=/tmp/inbound.jfr});
 * BAKEN_BENCH_JAR runs another jar than target/baken.jar (to compare two builds back to back); BAKEN_BENCH_JFR=FILE
 * records a JFR profile ({@code settings=profile}) of exactly the measured run; BAKEN_BENCH_H2_SETTINGS (e.g.
 * {@code ;PAGE_SIZE=16384}) adds H2 settings to the URL of both the app and the plain JDBC loop.
 */
public class InboundLoad {

	static final String TOKEN = "bench-token-" + System.nanoTime();

	/** The settings of the embedded default in application.properties. */
	static final String H2_SETTINGS = ";QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE"
			+ System.getenv().getOrDefault("BAKEN_BENCH_H2_SETTINGS", "");

	public static void main(String[] args) throws Exception {
		String database = args.length > 0 ? args[0] : "h2";
		int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		List<String> appArguments = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
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
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		if (System.getenv("BAKEN_BENCH_JFR") != null) {
			command.add("-XX:FlightRecorderOptions=stackdepth=256"); // the default 64 frames cut most request stacks
		}
		String jvmOptions = System.getenv("BAKEN_BENCH_JVM_OPTIONS");
		if (jvmOptions != null && !jvmOptions.isBlank()) {
			command.addAll(List.of(jvmOptions.trim().split("\\s+")));
		}
		String jar = System.getenv().getOrDefault("BAKEN_BENCH_JAR", "target/baken.jar");
		command.addAll(List.of("-jar", jar, "--server.port=" + port, "--baken.demo.enabled=false",
				"--baken.api.initial-token=" + TOKEN, "--spring.datasource.url=" + jdbcUrl,
				"--spring.datasource.username=" + user, "--spring.datasource.password=", "--logging.level.root=WARN"));
		command.addAll(appArguments);
		Process app = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(work.resolve("app.log").toFile())
			.start();
		boolean finished = false;
		try {
			waitUntilUp(HttpClient.newHttpClient(), port);
			System.out.printf(Locale.ROOT, "database=%s clients=%d cores=%d java=%s%n", database, clients,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
			load(port, clients, 30);
			String jfr = System.getenv("BAKEN_BENCH_JFR");
			if (jfr != null && !jfr.isBlank()) {
				// records exactly the measured run (a start-up delay in the JVM options would miss or blur it)
				jcmd(app.pid(), "JFR.start", "name=bench", "settings=profile", "duration=" + seconds + "s",
						"filename=" + Path.of(jfr).toAbsolutePath());
			}
			long cpuBefore = cpuMillis(app.pid());
			long writtenBefore = bytesWritten(app.pid());
			Result result = load(port, clients, seconds);
			long cpuAfter = cpuMillis(app.pid());
			long writtenAfter = bytesWritten(app.pid());
			System.out.printf(Locale.ROOT, "inbound: %d acknowledged in %.1f s = %.0f msg/s, p50 %.2f ms, p99 %.2f ms, "
					+ "errors %d%n", result.acknowledged, result.seconds, result.acknowledged / result.seconds,
					result.p50Millis, result.p99Millis, result.errors);
			if (cpuBefore >= 0 && cpuAfter >= 0) {
				System.out.printf(Locale.ROOT, "app CPU (user+system): %.3f ms per acknowledged message%n",
						(cpuAfter - cpuBefore) / (double) Math.max(1, result.acknowledged));
			}
			if (writtenBefore >= 0 && writtenAfter >= 0) {
				System.out.printf(Locale.ROOT, "app writes (to files and sockets): %.1f KB per acknowledged message%n",
						(writtenAfter - writtenBefore) / 1024.0 / Math.max(1, result.acknowledged));
			}
			if (database.equals("h2")) {
				// The app holds the H2 file lock; the floor uses a second file with the same engine and settings.
				jdbcUrl = "jdbc:h2:file:" + work.resolve("floor/floor") + H2_SETTINGS;
			}
			double floor = jdbcFloor(jdbcUrl, user, 10);
			System.out.printf(Locale.ROOT, "plain JDBC insert+commit, one thread: %.0f rows/s%n", floor);
			System.out.printf(Locale.ROOT, "inbound / plain JDBC = %.2f%n", result.acknowledged / result.seconds / floor);
			finished = true;
		}
		finally {
			app.destroy();
			app.waitFor();
			if (postgres != null) {
				postgres.close();
			}
			// a run leaves gigabytes of H2 files; a failed one keeps them with app.log to look into
			if (finished) {
				deleteRecursively(work);
			}
			else {
				System.err.println("kept " + work + " (app.log)");
			}
		}
	}

	static void deleteRecursively(Path dir) throws IOException {
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	record Result(long acknowledged, long errors, double seconds, double p50Millis, double p99Millis) {
	}

	/** Load from wrk, a separate native process, so the load generator takes little of the 2 cores. */
	static Result load(int port, int clients, int seconds) throws Exception {
		ProcessBuilder wrk = new ProcessBuilder("wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--latency",
				"-s", "bench/inbound.lua", "http://127.0.0.1:" + port + "/api/v1/inbound")
			.redirectErrorStream(true);
		wrk.environment().put("BAKEN_BENCH_TOKEN", TOKEN);
		Process process = wrk.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("wrk failed:\n" + output);
		}
		long requests = Long.parseLong(find(output, "(\\d+) requests in"));
		long errors = output.contains("Non-2xx") ? Long.parseLong(find(output, "Non-2xx or 3xx responses: (\\d+)")) : 0;
		errors += output.contains("Socket errors") ? socketErrors(output) : 0;
		double elapsed = Double.parseDouble(find(output, "requests in ([\\d.]+)s"));
		return new Result(requests - errors, errors, elapsed, millis(find(output, "50%\\s+([\\d.]+\\w+)")),
				millis(find(output, "99%\\s+([\\d.]+\\w+)")));
	}

	static long socketErrors(String output) {
		Matcher m = Pattern.compile("connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
		return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
				+ Long.parseLong(m.group(4)) : 0;
	}

	static String find(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("no '" + regex + "' in wrk output:\n" + text);
		}
		return m.group(1);
	}

	static double millis(String value) {
		if (value.endsWith("us")) {
			return Double.parseDouble(value.substring(0, value.length() - 2)) / 1000;
		}
		if (value.endsWith("ms")) {
			return Double.parseDouble(value.substring(0, value.length() - 2));
		}
		return Double.parseDouble(value.substring(0, value.length() - 1)) * 1000;
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

	static void jcmd(long pid, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
		command.addAll(List.of(arguments));
		Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		if (jcmd.waitFor() != 0) {
			throw new IllegalStateException("jcmd failed:\n" + output);
		}
	}

	/** User + system CPU time of a process in milliseconds, from /proc (Linux); -1 elsewhere. */
	static long cpuMillis(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * 1000 / 100; // USER_HZ is 100 on Linux
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
	}

	/**
	 * Bytes the process handed to write calls (files and sockets: {@code wchar} in /proc/PID/io), -1 where unknown. On
	 * H2 most of it is the chunks each commit writes, so it follows the B-tree pages an inbound message changes and
	 * moves less with the machine's load than CPU time does.
	 */
	static long bytesWritten(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
				if (line.startsWith("wchar:")) {
					return Long.parseLong(line.substring("wchar:".length()).trim());
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
	}

	static void waitUntilUp(HttpClient http, int port) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
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
		throw new IllegalStateException("Baken did not start within 180 s");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
