package nl.baken.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for many small writes: concurrent callers hand in items, a few writer threads each take what is
 * waiting and store it in one transaction, and every caller returns only after that transaction committed. One
 * commit per batch instead of one per item is what makes durable writes cheap (fewer fsyncs, fewer H2 chunk writes).
 *
 * <p>If anything in a batch fails, the whole batch is rolled back and every caller gets an empty result, meaning
 * "not stored: do it yourself in your own transaction". The caller's own path then also reports that item's error,
 * so one bad item never costs another item more than a retry.
 */
public final class GroupCommit<I, O> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();

	private final TransactionTemplate transactions;

	private final Function<I, O> work;

	private final int maxBatch;

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean closed;

	public GroupCommit(String name, PlatformTransactionManager transactionManager, int writers, int maxBatch,
			Function<I, O> work) {
		if (writers < 1 || maxBatch < 1) {
			throw new IllegalArgumentException("need at least one writer and a batch of at least one");
		}
		this.transactions = new TransactionTemplate(transactionManager);
		this.work = work;
		this.maxBatch = maxBatch;
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
		List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
		while (!closed) {
			Pending<I, O> first;
			try {
				// polling rather than interrupting on close: an interrupt inside a JDBC call can break the connection
				first = queue.poll(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			if (first == null) {
				continue;
			}
			batch.add(first);
			queue.drainTo(batch, maxBatch - 1);
			store(batch);
			batch.clear();
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
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).result().complete(Optional.ofNullable(results.get(i)));
		}
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
		for (Thread writer : writers) {
			try {
				writer.join(10_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		drain();
	}

	private record Pending<I, O>(I item, CompletableFuture<Optional<O>> result) {
	}
}
