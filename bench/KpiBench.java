import java.io.FileOutputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

/**
 * The unnecessary-contact KPIs on generated history in an embedded PostgreSQL: writes N contacts with
 * {@code generate-history} (which also brings the per-contact facts, every customer's previous contact and the
 * per-day rollup up to date, timed), starts the server, marks the definitions changed and times the server's
 * recompute of the rollup over all history, times the unnecessary-contact page and the three KPI endpoints (warm, p50
 * and max), then runs the same three KPI queries on the same facts in PostgreSQL and in DuckDB (the facts exported
 * as CSV) and prints the ratio.
 *
 * Usage (see bench/kpis-pg.sh): java -cp CLASSPATH bench/KpiBench.java [contacts] [days] [requests]; requests 0
 * stops after {@code generate-history} (generation and the facts' catch-up only).
 */
public class KpiBench {

	/** The demo organisation's API token (the demo is seeded first; an initial token is only made on an empty database). */
	static final String TOKEN = "baken-demo-token";

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	public static void main(String[] args) throws Exception {
		long contacts = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
		int days = args.length > 1 ? Integer.parseInt(args[1]) : 90;
		int requests = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		String heap = System.getenv().getOrDefault("BENCH_HEAP", "2g");
		Path work = Files.createTempDirectory("baken-kpibench-");
		LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days);
		System.out.printf(Locale.ROOT, "contacts=%d days=%d start=%s cores=%d java=%s work=%s%n", contacts, days,
				start, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), work);
		// settings a PostgreSQL for analytics would have; the embedded server's defaults are tiny
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(work.resolve("pg"))
			.setCleanDataDirectory(true)
			.setServerConfig("shared_buffers", "512MB")
			.setServerConfig("work_mem", "256MB")
			.setServerConfig("maintenance_work_mem", "256MB")
			.setServerConfig("max_wal_size", "8GB")
			.setServerConfig("max_parallel_workers_per_gather", "2")
			.start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres");
			List<String> database = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=");
			Path log = work.resolve("app.log");

			// the demo organisation first: teams, brands and the admin the page is opened as
			int port = freePort();
			Process server = server(heap, port, database, log);
			waitUntilUp(port);
			stop(server);

			long began = System.nanoTime();
			List<String> generate = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-jar", "target/baken.jar",
					"generate-history", "--contacts", String.valueOf(contacts), "--days", String.valueOf(days), "--seed",
					"1", "--start", start.toString()));
			generate.addAll(database);
			Process generator = new ProcessBuilder(generate).redirectErrorStream(true).start();
			generator.getInputStream().transferTo(System.out);
			if (generator.waitFor() != 0) {
				throw new IllegalStateException("generate-history failed");
			}
			System.out.printf(Locale.ROOT, "generate-history took %.1f s in all%n", (System.nanoTime() - began) / 1e9);
			try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
				System.out.printf(Locale.ROOT,
						"contact_event %,d rows, contact_fact %,d rows, contact_fact_day %,d rows, database %s%n",
						count(db, "select count(*) from contact_event"), count(db, "select count(*) from contact_fact"),
						count(db, "select count(*) from contact_fact_day"),
						text(db, "select pg_size_pretty(pg_database_size(current_database()))"));
				if (requests == 0) {
					return; // generation and catch-up only
				}
			}

			port = freePort();
			server = server(heap, port, database, log);
			try {
				waitUntilUp(port);
				HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
				login(client, port);
				// the page waits for nothing: it says "being prepared" until the scheduled refresh has recomputed
				String end = start.plusDays(days - 1).toString();
				String weeks12 = start.plusDays(days - 84).toString();
				String page = "http://127.0.0.1:" + port + "/desk/kpis/unnecessary?from=" + weeks12 + "&to=" + end;
				waitForPage(client, page);
				// a changed definition, as a new version of one of the three KPIs makes it: the rollup is counted
				// again over all history by the server's scheduled check (every 2 s here)
				long recomputeStart = System.nanoTime();
				try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
					db.createStatement().execute("update contact_fact_state set definition = '' where id = 1");
				}
				waitForPage(client, page);
				System.out.printf(Locale.ROOT,
						"recompute after a definition change (per-day rollup over all history, by the server's scheduled check, incl. up to 2 s wait): ready after %.1f s%n",
						(System.nanoTime() - recomputeStart) / 1e9);
				System.out.println(text(url, "select 'rollup recomputed at ' || recomputed_at || ', '"
						+ " || (select count(*) from contact_fact_day) || ' rows' from contact_fact_state"));
				time("page /desk/kpis/unnecessary, 12 weeks", requests, () -> get(client, page, null));
				String week = "from=" + start.plusDays(days - 7) + "&to=" + end;
				for (String kpi : List.of("repeat-contact-rate", "transfer-rate", "informational-share")) {
					String uri = "http://127.0.0.1:" + port + "/api/v1/kpis/" + kpi + "?" + week;
					String body = time("GET /api/v1/kpis/" + kpi + " (last week)", requests, () -> get(client, uri, TOKEN));
					System.out.println("  " + find(body, "\"value\":([^,]*)") + " = " + find(body, "\"numerator\":([^,]*)")
							+ " / " + find(body, "\"denominator\":([^,]*)"));
				}
			}
			finally {
				stop(server);
			}

			// the same three KPI queries, on the same facts, in PostgreSQL and in DuckDB
			java.time.Instant from = start.plusDays(days - 84).atStartOfDay(AMSTERDAM).toInstant();
			java.time.Instant to = start.plusDays(days).atStartOfDay(AMSTERDAM).toInstant();
			Path csv = work.resolve("facts.csv");
			try (Connection db = DriverManager.getConnection(url, "postgres", "");
					OutputStream out = new FileOutputStream(csv.toFile())) {
				long exportStart = System.nanoTime();
				db.unwrap(PGConnection.class).getCopyAPI().copyOut("""
						copy (select f.conversation_id, f.channel, f.brand_id, f.offered_at, f.offered_ms, f.teams,
						             f.reason, f.informational::text, f.valence, f.handled::text,
						             f.transferred_team::text, f.transferred_any::text, f.gap_any_ms, f.gap_same_ms
						      from contact_fact f)
						to stdout with (format csv, header)""", out);
				System.out.printf(Locale.ROOT, "exported the facts to CSV in %.1f s (%d MB)%n",
						(System.nanoTime() - exportStart) / 1e9, Files.size(csv) >> 20);
			}
			double[] pg;
			double[] duck;
			try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
				pg = queries("PostgreSQL", db, "contact_fact f", from, to, requests);
			}
			try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("facts.duckdb"))) {
				long load = System.nanoTime();
				db.createStatement().execute("create table facts as select * from read_csv('" + csv + "', header = true, columns = {"
						+ "'conversation_id': 'UUID', 'channel': 'VARCHAR', 'brand_id': 'VARCHAR', "
						+ "'offered_at': 'TIMESTAMPTZ', 'offered_ms': 'BIGINT', 'teams': 'VARCHAR', 'reason': 'VARCHAR', "
						+ "'informational': 'BOOLEAN', 'valence': 'VARCHAR', 'handled': 'BOOLEAN', "
						+ "'transferred_team': 'BOOLEAN', 'transferred_any': 'BOOLEAN', 'gap_any_ms': 'BIGINT', "
						+ "'gap_same_ms': 'BIGINT'})");
				System.out.printf(Locale.ROOT, "DuckDB loaded the CSV in %.1f s%n", (System.nanoTime() - load) / 1e9);
				duck = queries("DuckDB", db, "facts f", from, to, requests);
			}
			String[] names = { "repeat", "transfer", "informational", "per week (3 rates)" };
			for (int i = 0; i < names.length; i++) {
				System.out.printf(Locale.ROOT, "ratio PostgreSQL / DuckDB p50, %s: %.1f%n", names[i], pg[i] / duck[i]);
			}
		}
	}

	/** Times each KPI query over the period; returns the p50s in ms. Both sides print their counts to compare. */
	static double[] queries(String engine, Connection db, String from, java.time.Instant start, java.time.Instant end,
			int requests) throws Exception {
		// PostgreSQL by its index on the time; DuckDB (no index needed) on the same instants as epoch milliseconds
		boolean duck = engine.equals("DuckDB");
		String period = duck ? " where f.offered_ms >= ? and f.offered_ms < ?"
				: " where f.offered_at >= ? and f.offered_at < ?";
		String gap = "f.gap_any_ms";
		String[] sql = {
				"select count(*), sum(case when " + gap + " > 0 and " + gap + " <= 604800000 then 1 else 0 end) from "
						+ from + period,
				"select count(*), sum(case when f.transferred_team then 1 else 0 end) from " + from + period
						+ " and f.handled",
				"select count(*), sum(case when f.informational then 1 else 0 end) from " + from + period
						+ " and f.informational is not null",
				"select floor((f.offered_ms - " + start.toEpochMilli() + ") / 604800000.0) as week, count(*), "
						+ "sum(case when " + gap + " > 0 and " + gap + " <= 604800000 then 1 else 0 end), "
						+ "sum(case when f.handled and f.transferred_team then 1 else 0 end), "
						+ "sum(case when f.informational then 1 else 0 end) from " + from + period
						+ " group by 1 order by 1" };
		double[] p50 = new double[sql.length];
		for (int i = 0; i < sql.length; i++) {
			String q = sql[i];
			boolean rate = i < 3;
			String[] first = new String[1];
			p50[i] = time(engine + " query " + (i + 1), requests, () -> {
				try (PreparedStatement statement = db.prepareStatement(q)) {
					if (duck) {
						statement.setLong(1, start.toEpochMilli());
						statement.setLong(2, end.toEpochMilli());
					}
					else {
						statement.setObject(1, start.atOffset(ZoneOffset.UTC));
						statement.setObject(2, end.atOffset(ZoneOffset.UTC));
					}
					try (ResultSet rs = statement.executeQuery()) {
						rs.next();
						first[0] = rs.getString(2) + (rate ? " / " + rs.getString(1) : " contacts in the first week");
					}
				}
				return first[0];
			}, true);
			System.out.println("  " + first[0]);
		}
		return p50;
	}

	static String time(String what, int requests, Callable<String> call) throws Exception {
		String[] last = new String[1];
		time(what, requests, () -> last[0] = call.call(), true);
		return last[0];
	}

	/** Two warm-up calls, then {@code requests} timed ones; prints and returns the p50 in ms. */
	static double time(String what, int requests, Callable<String> call, boolean print) throws Exception {
		call.call();
		call.call();
		double[] ms = new double[requests];
		for (int i = 0; i < requests; i++) {
			long t = System.nanoTime();
			call.call();
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		Arrays.sort(ms);
		double p50 = ms[requests / 2];
		System.out.printf(Locale.ROOT, "%-58s p50 %8.1f ms  max %8.1f ms  (%d requests)%n", what, p50,
				ms[requests - 1], requests);
		return p50;
	}

	static String get(HttpClient client, String uri, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(5));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	static void login(HttpClient client, int port) throws Exception {
		String form = get(client, "http://127.0.0.1:" + port + "/login", null);
		String csrf = find(form, "name=\"_csrf\" value=\"([^\"]+)\"");
		String body = "username=admin&password=baken-demo&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.headers());
		}
	}

	static void waitForPage(HttpClient client, String page) throws Exception {
		while (get(client, page, null).contains("kpi-repeat-contact-rate") == false) {
			Thread.sleep(200);
		}
	}

	static Process server(String heap, int port, List<String> database, Path log) throws Exception {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-jar", "target/baken.jar",
				"--server.port=" + port, "--baken.demo.enabled=true", "--baken.knowledge.index-dir=memory",
				"--baken.analytics.facts-refresh=PT2S", "--baken.analytics.facts-check=PT2S", "--logging.level.root=WARN"));
		command.addAll(database);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
	}

	static void stop(Process process) throws InterruptedException {
		process.destroy();
		process.waitFor();
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static void waitUntilUp(int port) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (int i = 0; i < 600; i++) {
			try {
				HttpResponse<String> r = client.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 200) {
					return;
				}
			}
			catch (java.io.IOException e) {
				// not listening yet
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("the server did not start");
	}

	static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static long count(Connection db, String sql) throws Exception {
		try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static String text(Connection db, String sql) throws Exception {
		try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	static String text(String url, String sql) throws Exception {
		try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
			return text(db, sql);
		}
	}

	static String find(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("no " + regex + " in " + text.substring(0, Math.min(500, text.length())));
		}
		return m.group(1);
	}
}
