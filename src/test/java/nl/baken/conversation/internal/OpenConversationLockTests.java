package nl.baken.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finding the customer's open conversation for a new message locks it: a second message waits, and finds nothing
 * when the first closed the conversation meanwhile; a closed conversation is not found.
 */
@DatabaseTest
class OpenConversationLockTests extends ApiTestSupport {

	static final String CHANNEL = "lock-test";

	@Autowired
	ConversationStore store;

	@Autowired
	Conversations conversations;

	@Autowired
	ContactReasons reasons;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void theOpenConversationIsLockedUntilTheFirstMessageCommits() throws Exception {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		InboundReceipt receipt = receive(unique("l") + "@example.nl");
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Optional<ConversationView>> first = CompletableFuture
			.supplyAsync(() -> transactions.execute(status -> {
				Optional<ConversationView> open = store.openConversationForUpdate(receipt.customerId(), CHANNEL, null);
				locked.countDown();
				awaitRelease(release);
				return open;
			}));
		assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Optional<ConversationView>> second = CompletableFuture.supplyAsync(() -> transactions
			.execute(status -> store.openConversationForUpdate(receipt.customerId(), CHANNEL, null)));

		assertThatThrownBy(() -> second.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).map(ConversationView::id).contains(receipt.conversationId());
		assertThat(second.get(10, TimeUnit.SECONDS)).map(ConversationView::id).contains(receipt.conversationId());
	}

	@Test
	void aConversationResolvedWhileTheSecondMessageWaitsIsNotFoundByIt() throws Exception {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		InboundReceipt receipt = receive(unique("w") + "@example.nl");
		String reason = "w" + unique("x").substring(0, 8);
		reasons.define(new ContactReason(reason, "Vraag", "Question", true, false));
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			ConversationView open = store.openConversationForUpdate(receipt.customerId(), CHANNEL, null).orElseThrow();
			locked.countDown();
			awaitRelease(release);
			conversations.resolve(new ConversationId(open.id()), reason, Actor.system("test"), Instant.now());
		}));
		assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Optional<ConversationView>> second = CompletableFuture.supplyAsync(() -> transactions
			.execute(status -> store.openConversationForUpdate(receipt.customerId(), CHANNEL, null)));

		assertThatThrownBy(() -> second.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void aResolvedConversationIsNotFound() {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		InboundReceipt receipt = receive(unique("r") + "@example.nl");
		String reason = "r" + unique("x").substring(0, 8);
		reasons.define(new ContactReason(reason, "Vraag", "Question", true, false));
		conversations.resolve(new ConversationId(receipt.conversationId()), reason, Actor.system("test"),
				Instant.now());

		Optional<ConversationView> open = transactions
			.execute(status -> store.openConversationForUpdate(receipt.customerId(), CHANNEL, null));
		assertThat(open).isEmpty();
	}

	private InboundReceipt receive(String email) {
		Instant now = Instant.now();
		return conversations.receive(new InboundMessage(CHANNEL, unique("in"),
				new IdentityClaim(List.of(Identity.email(email)), null, null, now), null, null, "Vraag", "Hallo", null,
				List.of(), now, now));
	}
}
