package nl.baken.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.customer.Identity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store remembers who owns an identity, so a customer who writes again is found without a query; it may only
 * remember what was committed. A first contact whose transaction rolls back must leave the identity unowned.
 */
@DatabaseTest
class IdentityOwnerTests extends ApiTestSupport {

	@Autowired
	CustomerStore store;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void anOwnerSeenInATransactionThatRollsBackIsForgotten() {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		Identity identity = Identity.email(unique("rollback") + "@example.nl");
		Optional<UUID> seenInside = transactions.execute(status -> {
			UUID customer = store.insertCustomer("Teruggedraaid", Instant.now());
			store.insertIdentity(customer, identity, Instant.now());
			Optional<UUID> owner = store.ownerOf(identity);
			status.setRollbackOnly();
			return owner;
		});

		assertThat(seenInside).isPresent();
		assertThat(store.ownerOf(identity)).isEmpty();
		Optional<UUID> inNextTransaction = transactions.execute(status -> store.ownerOf(identity));
		assertThat(inNextTransaction).isEmpty();
	}

	@Test
	void aCommittedOwnerIsFoundAgainInsideAndOutsideTransactions() {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		Identity identity = Identity.email(unique("committed") + "@example.nl");
		UUID customer = transactions.execute(status -> {
			UUID created = store.insertCustomer("Vastgelegd", Instant.now());
			store.insertIdentity(created, identity, Instant.now());
			return created;
		});

		assertThat(store.ownerOf(identity)).contains(customer);
		Optional<UUID> inTransaction = transactions.execute(status -> store.ownerOf(identity));
		assertThat(inTransaction).contains(customer);
		assertThat(store.ownerOf(Identity.email(unique("nobody") + "@example.nl"))).isEmpty();
	}
}
