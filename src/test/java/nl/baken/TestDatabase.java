package nl.baken;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database tests run against: H2 by default, a real PostgreSQL (embedded binaries, started once per JVM) when
 * the build runs with {@code -Dbaken.test.db=postgres}. The Maven build runs the database tests both ways.
 */
public final class TestDatabase {

	private static EmbeddedPostgres postgres;

	private TestDatabase() {
	}

	public static boolean isPostgres() {
		return "postgres".equals(System.getProperty("baken.test.db"));
	}

	public static void register(DynamicPropertyRegistry registry) {
		if (isPostgres()) {
			EmbeddedPostgres server = postgres();
			registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
			registry.add("spring.datasource.username", () -> "postgres");
			registry.add("spring.datasource.password", () -> "");
		}
		else {
			registry.add("spring.datasource.url", () -> "jdbc:h2:mem:baken-test;DB_CLOSE_DELAY=-1");
		}
	}

	public static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ignored) {
					// the JVM is going away anyway
				}
			}));
		}
		return postgres;
	}
}
