package nl.baken.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for many small writes: concurrent callers hand in items, a few writer threads each take what is
 * waiting and store it in one transaction, and every caller returns only after that transaction is on file. One
 * commit per batch instead of one per item is what makes durable writes cheap (fewer fsyncs, fewer H2 chunk writes).
 *
 * <p>On PostgreSQL a commit is on file when it returns. On H2 it is not: there a flusher thread writes committed
 * batches to the file with a {@code CHECKPOINT} and only then answers their callers, while the writer already stores
 * the next batch. Writing a batch's pages and storing the next one overlap instead of taking turns.
 *
 * <p>If anything in a batch fails, the whole batch is rolled back and every caller gets an empty result, meaning
 * "not stored: do it yourself in your own transaction". The caller's own path then also reports that item's error,
 * so one bad item never costs another item more than a retry.
 */
public final class GroupCommit<I, O> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();

	/** Committed batches waiting for their checkpoint (H2 only). */
	private final BlockingQueue<Committed<I, O>> committed = new LinkedBlockingQueue<>();

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final Function<I, O> work;

	private final int maxBatch;

	private final List<Thread> writers = new ArrayList<>();

	private final Thread flusher;

	private volatile boolean closed;

	private volatile boolean writersStopped;

	public GroupCommit(String name, DataSource dataSource, int writers, int maxBatch, Function<I, O> work) {
		if (writers < 1 || maxBatch < 1) {
			throw new IllegalArgumentException("need at least one writer and a batch of at least one");
		}
		this.dataSource = dataSource;
		// not the application's DurableTransactionManager: on H2 the flusher makes the commit durable, off this thread
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		this.work = work;
		this.maxBatch = maxBatch;
		this.flusher = Databases.isH2(dataSource)
				? Thread.ofPlatform().daemon().name(name + "-flusher").start(this::flush) : null;
		for (int i = 0; i < writers; i++) {
			this.writers.add(Thread.ofPlatform().daemon().name(name + "-writer-" + i).start(this::write));
		}
	}

	/** Stores the item in the next batch; empty when the batch failed or the writers are closed. */
	public Optional<O> submit(I item) {
		if (closed) {
			return Optional.empty();
		}
		Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
		queue.add(pending);
		if (closed && queue.remove(pending)) {
			return Optional.empty();
		}
		return pending.result().join();
	}

	private void write() {
		try {
			while (!closed) {
				List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
				if (take(queue, batch, maxBatch)) {
					store(batch);
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		drain();
	}

	private void store(List<Pending<I, O>> batch) {
		List<O> results = new ArrayList<>(batch.size());
		try {
			transactions.executeWithoutResult(status -> batch.forEach(pending -> results.add(work.apply(pending.item()))));
		}
		catch (RuntimeException e) {
			log.debug("Batch of {} rolled back; each item is retried on its own", batch.size(), e);
			batch.forEach(pending -> pending.result().complete(Optional.empty()));
			return;
		}
		Committed<I, O> done = new Committed<>(batch, results);
		if (flusher == null) {
			done.answer(true);
		}
		else {
			committed.add(done);
		}
	}

	/** One checkpoint for every batch committed since the last one began. */
	private void flush() {
		List<Committed<I, O>> due = new ArrayList<>();
		try {
			while (!writersStopped || !committed.isEmpty()) {
				if (take(committed, due, Integer.MAX_VALUE)) {
					flush(due);
					due.clear();
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void flush(List<Committed<I, O>> due) {
		boolean durable;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CHECKPOINT");
			durable = true;
		}
		catch (SQLException e) {
			// committed but perhaps not on file: the callers store their items again, which finds the stored ones
			log.warn("H2 could not write {} committed batches to its file", due.size(), e);
			durable = false;
		}
		for (Committed<I, O> batch : due) {
			batch.answer(durable);
		}
	}

	/**
	 * Waits up to 100 ms for a first element, then takes whatever else is waiting, up to {@code max} in all. Polling
	 * rather than interrupting on close: an interrupt inside a JDBC call can break the connection.
	 */
	private static <T> boolean take(BlockingQueue<T> from, List<T> into, int max) throws InterruptedException {
		T first = from.poll(100, TimeUnit.MILLISECONDS);
		if (first == null) {
			return false;
		}
		into.add(first);
		from.drainTo(into, max - 1);
		return true;
	}

	private void drain() {
		for (Pending<I, O> pending = queue.poll(); pending != null; pending = queue.poll()) {
			pending.result().complete(Optional.empty());
		}
	}

	/** Stops the writers; items still waiting come back empty so their callers store them themselves. */
	@Override
	public void close() {
		closed = true;
		try {
			for (Thread writer : writers) {
				writer.join(10_000);
			}
			writersStopped = true;
			if (flusher != null) {
				flusher.join(10_000);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		drain();
	}

	private record Pending<I, O>(I item, CompletableFuture<Optional<O>> result) {
	}

	private record Committed<I, O>(List<Pending<I, O>> batch, List<O> results) {

		void answer(boolean durable) {
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).result().complete(durable ? Optional.ofNullable(results.get(i)) : Optional.empty());
			}
		}
	}
}
