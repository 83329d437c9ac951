package nl.baken.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.customer.Brands;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A channel that threads itself (e-mail) names the conversation a message belongs to: it goes there when that
 * conversation is open and the sender's, and otherwise follows the usual rule. The thread is taken over the usual
 * rule, which here would open a new conversation (the thread is of another brand).
 */
@DatabaseTest
class ThreadedReceiveTests extends ApiTestSupport {

	static final String CHANNEL = "thread-test";

	@Autowired
	Conversations conversations;

	@Autowired
	Brands brands;

	@Autowired
	ContactReasons reasons;

	String brand;

	@BeforeEach
	void brand() {
		brand = "b" + UUID.randomUUID().toString().substring(0, 8);
		brands.define(brand, "Thread brand");
	}

	@Test
	void aMessageGoesIntoTheOpenThreadOfItsSender() {
		String email = unique("t") + "@example.nl";
		InboundReceipt first = receive(email, brand, null);

		InboundReceipt threaded = receive(email, null, first.conversationId());

		assertThat(threaded.conversationId()).isEqualTo(first.conversationId());
		assertThat(threaded.duplicate()).isFalse();
		assertThat(receive(email, null, null).conversationId()).as("the usual rule: no open conversation without brand")
			.isNotEqualTo(first.conversationId());
	}

	@Test
	void aThreadOfSomeoneElseOrAClosedOneIsNotFollowed() {
		InboundReceipt theirs = receive(unique("a") + "@example.nl", brand, null);
		String email = unique("b") + "@example.nl";

		InboundReceipt mine = receive(email, null, theirs.conversationId());
		assertThat(mine.conversationId()).isNotEqualTo(theirs.conversationId());
		assertThat(mine.customerId()).isNotEqualTo(theirs.customerId());

		String reason = "r" + UUID.randomUUID().toString().substring(0, 8);
		reasons.define(new ContactReason(reason, "Vraag", "Question", true, false));
		InboundReceipt resolvedOne = receive(email, brand, null);
		conversations.resolve(new ConversationId(resolvedOne.conversationId()), reason, Actor.system("test"),
				Instant.now());
		assertThat(receive(email, brand, resolvedOne.conversationId()).conversationId())
			.isNotEqualTo(resolvedOne.conversationId());
	}

	@Test
	void theSameProviderIdIsStoredOnceAlsoWithAThread() {
		String email = unique("c") + "@example.nl";
		InboundReceipt first = receive(email, brand, null);
		Instant now = Instant.now();
		InboundMessage message = new InboundMessage(CHANNEL, unique("in"),
				new IdentityClaim(List.of(Identity.email(email)), null, null, now), null, null, null, "Nog iets", null,
				List.of(), now, now);
		InboundReceipt once = conversations.receive(message, new ConversationId(first.conversationId()));
		InboundReceipt again = conversations.receive(message, new ConversationId(first.conversationId()));
		assertThat(again.duplicate()).isTrue();
		assertThat(again.messageId()).isEqualTo(once.messageId());
	}

	private InboundReceipt receive(String email, String brandId, UUID thread) {
		Instant now = Instant.now();
		InboundMessage message = new InboundMessage(CHANNEL, unique("in"),
				new IdentityClaim(List.of(Identity.email(email)), null, brandId, now), brandId, null, "Vraag", "Hallo",
				null, List.of(), now, now);
		return thread == null ? conversations.receive(message)
				: conversations.receive(message, new ConversationId(thread));
	}
}
