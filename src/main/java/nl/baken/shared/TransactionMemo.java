package nl.baken.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers to a read that many messages of one transaction ask alike (is any incident open, which routing profiles
 * exist), remembered until the transaction ends. A group-committed transaction stores dozens of inbound messages, so
 * each such read then runs once per group instead of once per message. Within the transaction the answer is as fresh
 * as at its first read, a few milliseconds at most; a store that changes the data it answers from calls
 * {@link #forget} so the transaction sees its own change.
 *
 * <p>Kept as a transaction synchronization, not a bound resource: an inner {@code REQUIRES_NEW} transaction suspends
 * the synchronizations of the outer one and gets its own memo.
 */
public final class TransactionMemo implements TransactionSynchronization {

	private final Map<String, Object> answers = new HashMap<>();

	private TransactionMemo() {
	}

	/** The remembered answer to {@code question} in this transaction, or {@code read}'s (remembered); outside one, read. */
	@SuppressWarnings("unchecked")
	public static <T> T answer(String question, Supplier<T> read) {
		TransactionMemo memo = current(true);
		if (memo == null) {
			return read.get();
		}
		Object answer = memo.answers.get(question);
		if (answer == null) {
			answer = read.get();
			memo.answers.put(question, answer);
		}
		return (T) answer;
	}

	/** The transaction changed what {@code question} reads: the next {@link #answer} reads again. */
	public static void forget(String question) {
		TransactionMemo memo = current(false);
		if (memo != null) {
			memo.answers.remove(question);
		}
	}

	private static TransactionMemo current(boolean create) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof TransactionMemo memo) {
				return memo;
			}
		}
		if (!create) {
			return null;
		}
		TransactionMemo memo = new TransactionMemo();
		TransactionSynchronizationManager.registerSynchronization(memo);
		return memo;
	}
}
