package nl.baken.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;

/**
 * Group commit answers each caller with its own result once its batch is committed (on H2: also written to the
 * file by the flusher; DurabilityIT kills the application to check that part), and a failing item rolls back only
 * what it was grouped with, whose callers then get nothing back and store alone.
 */
@DatabaseTest
class GroupCommitTests extends ApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void table() {
		jdbc.sql("create table if not exists group_commit_probe (id uuid primary key, run uuid not null, item int not null)").update();
	}

	@Test
	void everyCallerGetsItsOwnResultAndFindsItsRowCommitted() throws Exception {
		UUID run = UUID.randomUUID();
		try (GroupCommit<Integer, String> group = new GroupCommit<>("probe", dataSource, 1, 8, item -> insert(run, item));
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Optional<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				int item = i;
				answers.add(callers.submit(() -> {
					Optional<String> answer = group.submit(item);
					// read on another connection: the row must be committed when the caller hears back
					assertThat(stored(run, item)).isEqualTo(answer.isPresent() ? 1 : 0);
					return answer;
				}));
			}
			for (int i = 0; i < answers.size(); i++) {
				assertThat(answers.get(i).get()).contains("stored " + i);
			}
		}
	}

	@Test
	void aFailingItemLeavesNothingOfItsBatchAndItsCallersStoreAlone() throws Exception {
		UUID run = UUID.randomUUID();
		int failing = 13;
		try (GroupCommit<Integer, String> group = new GroupCommit<>("probe", dataSource, 1, 8, item -> {
			if (item == failing) {
				throw new IllegalStateException("item " + failing + " is refused");
			}
			return insert(run, item);
		}); ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Optional<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				int item = i;
				answers.add(callers.submit(() -> group.submit(item)));
			}
			assertThat(answers.get(failing).get()).isEmpty();
			for (int i = 0; i < answers.size(); i++) {
				Optional<String> answer = answers.get(i).get();
				assertThat(stored(run, i)).as("item %d answered %s", i, answer).isEqualTo(answer.isPresent() ? 1 : 0);
			}
		}
	}

	@Test
	void afterCloseAnItemComesBackEmpty() {
		UUID run = UUID.randomUUID();
		GroupCommit<Integer, String> group = new GroupCommit<>("probe", dataSource, 1, 8, item -> insert(run, item));
		group.close();
		assertThat(group.submit(1)).isEmpty();
	}

	private String insert(UUID run, int item) {
		jdbc.sql("insert into group_commit_probe (id, run, item) values (?, ?, ?)")
			.params(UUID.randomUUID(), run, item)
			.update();
		return "stored " + item;
	}

	private long stored(UUID run, int item) {
		return jdbc.sql("select count(*) from group_commit_probe where run = ? and item = ?")
			.params(run, item)
			.query(Long.class)
			.single();
	}
}
