package nl.baken.conversation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Inserts held back until just before the transaction commits, then sent as one JDBC batch per statement: for a
 * group of inbound messages that is two round trips instead of two per message. Only for rows that nothing in the
 * same transaction reads back; a unique-key clash surfaces at commit and rolls the whole transaction back.
 */
final class InsertBuffer {

	private static final Object KEY = InsertBuffer.class;

	private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();

	private InsertBuffer() {
	}

	/** From now until this transaction ends, inserts through {@link #insert} are held back. */
	static void holdForTransaction(JdbcTemplate jdbc) {
		if (TransactionSynchronizationManager.hasResource(KEY)) {
			return;
		}
		InsertBuffer buffer = new InsertBuffer();
		TransactionSynchronizationManager.bindResource(KEY, buffer);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				buffer.rows.forEach((sql, batch) -> jdbc.batchUpdate(sql, batch));
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResource(KEY);
			}
		});
	}

	/** Runs the insert now, or holds it back when the current transaction asked for that. */
	static void insert(JdbcTemplate jdbc, String sql, Object... args) {
		InsertBuffer buffer = (InsertBuffer) TransactionSynchronizationManager.getResource(KEY);
		if (buffer == null) {
			jdbc.update(sql, args);
		}
		else {
			buffer.rows.computeIfAbsent(sql, s -> new ArrayList<>()).add(args);
		}
	}
}
