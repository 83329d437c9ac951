package nl.baken.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.shared.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Unset, the number of inbound writers follows the database: one on H2, whose group commits write fewer bytes per
 * message when the groups are larger, and two on PostgreSQL (docs/benchmarks.md).
 */
@DatabaseTest
class InboundWritersTests extends ApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void oneWriterOnH2AndTwoOnPostgres() {
		Set<String> writers = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter(name -> name.startsWith("inbound-writer-"))
			.collect(Collectors.toSet());
		if (Databases.isH2(dataSource)) {
			assertThat(writers).containsExactly("inbound-writer-0");
		}
		else {
			assertThat(writers).containsExactlyInAnyOrder("inbound-writer-0", "inbound-writer-1");
		}
	}
}
