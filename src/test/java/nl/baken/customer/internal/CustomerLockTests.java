package nl.baken.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer lock serialises one customer's contacts: a second transaction waits for the first to commit. It
 * follows merges. (On H2 an update that changes nothing was tried as a cheaper lock, since H2 parses every locking
 * select anew; it rewrites the row in every index and cost more, docs/benchmarks.md.)
 */
@DatabaseTest
class CustomerLockTests extends ApiTestSupport {

	@Autowired
	CustomerStore store;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aSecondTransactionWaitsForTheFirstToCommit() throws Exception {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		UUID customer = transactions.execute(status -> store.insertCustomer("Lock Test", Instant.now()));
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Optional<UUID>> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
			Optional<UUID> lock = store.lock(customer);
			locked.countDown();
			awaitRelease(release);
			return lock;
		}));
		assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Optional<UUID>> second = CompletableFuture
			.supplyAsync(() -> transactions.execute(status -> store.lock(customer)));

		assertThatThrownBy(() -> second.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).contains(customer);
		assertThat(second.get(10, TimeUnit.SECONDS)).contains(customer);
	}

	@Test
	void aMergedCustomerLocksAsTheOneItWasMergedIntoAndAnUnknownOneNotAtAll() {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		UUID survivor = transactions.execute(status -> store.insertCustomer("Blijft", Instant.now()));
		UUID merged = transactions.execute(status -> {
			UUID id = store.insertCustomer("Samengevoegd", Instant.now());
			store.setMergedInto(id, survivor);
			return id;
		});

		Optional<UUID> viaMerged = transactions.execute(status -> store.lock(merged));
		Optional<UUID> itself = transactions.execute(status -> store.lock(survivor));
		Optional<UUID> unknown = transactions.execute(status -> store.lock(UUID.randomUUID()));
		assertThat(viaMerged).contains(survivor);
		assertThat(itself).contains(survivor);
		assertThat(unknown).isEmpty();
	}
}
