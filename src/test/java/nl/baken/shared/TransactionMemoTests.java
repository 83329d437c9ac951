package nl.baken.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A remembered answer lives exactly as long as its transaction, and a store's own change makes it read again. */
class TransactionMemoTests {

	private final AtomicInteger reads = new AtomicInteger();

	private final TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource()));

	private static JdbcDataSource dataSource() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:transaction-memo");
		return dataSource;
	}

	private Integer read() {
		return reads.incrementAndGet();
	}

	@Test
	void readsOncePerTransaction() {
		int[] answers = transactions.execute(status -> new int[] { TransactionMemo.answer("q", this::read),
				TransactionMemo.answer("q", this::read), TransactionMemo.answer("other", this::read) });
		assertThat(answers).containsExactly(1, 1, 2);
		Integer next = transactions.execute(status -> TransactionMemo.answer("q", this::read));
		assertThat(next).as("a new transaction reads again").isEqualTo(3);
	}

	@Test
	void outsideATransactionEveryAnswerIsRead() {
		assertThat(TransactionMemo.answer("q", this::read)).isEqualTo(1);
		assertThat(TransactionMemo.answer("q", this::read)).isEqualTo(2);
	}

	@Test
	void forgettingMakesTheNextAnswerReadAgain() {
		int[] answers = transactions.execute(status -> {
			int first = TransactionMemo.answer("q", this::read);
			TransactionMemo.forget("q");
			TransactionMemo.forget("never asked");
			return new int[] { first, TransactionMemo.answer("q", this::read), TransactionMemo.answer("q", this::read) };
		});
		assertThat(answers).containsExactly(1, 2, 2);
	}

	@Test
	void anInnerNewTransactionHasItsOwnMemoAndLeavesTheOuterOne() {
		TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		int[] answers = transactions.execute(status -> {
			int outer = TransactionMemo.answer("q", this::read);
			Integer inside = inner.execute(s -> {
				int first = TransactionMemo.answer("q", this::read);
				return first + 10 * TransactionMemo.answer("q", this::read);
			});
			return new int[] { outer, inside, TransactionMemo.answer("q", this::read) };
		});
		assertThat(answers).containsExactly(1, 22, 1);
	}
}
