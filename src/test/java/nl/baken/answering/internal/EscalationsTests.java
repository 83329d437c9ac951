package nl.baken.answering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.routing.RoutedWork;
import nl.baken.routing.Routing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Written messages to a person: an urgent or upset customer moves up the queue, a calm one keeps their place. */
@DatabaseTest
class EscalationsTests extends ApiTestSupport {

	@Autowired
	Conversations conversations;

	@Autowired
	Routing routing;

	UUID email(String address, String text) {
		Instant now = Instant.now();
		return conversations
			.receive(new InboundMessage("email", "<" + UUID.randomUUID() + "@mail.example>",
					new IdentityClaim(List.of(Identity.email(address)), null, null, now), null, "nl", "Mijn bestelling",
					text, null, List.of(), now, now))
			.conversationId();
	}

	RoutedWork work(UUID conversation) {
		return routing.work(conversation).orElseThrow();
	}

	@Test
	void anUrgentOrUpsetEmailMovesUpTheQueueAndACalmOneKeepsItsPlace() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		UUID calm = email("kalm-" + tag + "@example.nl", "Wanneer wordt mijn bestelling geleverd?");
		UUID upset = email("boos-" + tag + "@example.nl",
				"Dit is de derde keer dat ik mail en nog steeds geen reactie. Belachelijk.");
		UUID urgent = email("spoed-" + tag + "@example.nl", "Dringend: er komt rook uit de accu die ik bij jullie kocht");

		await().atMost(Duration.ofSeconds(30)).until(() -> work(upset).urgency() == 2 && work(urgent).urgency() == 3);
		assertThat(work(calm).urgency()).isZero();
		assertThat(work(upset).status()).isEqualTo("waiting");
		int calmPriority = conversations.find(new ConversationId(calm)).orElseThrow().priority();
		assertThat(conversations.find(new ConversationId(upset)).orElseThrow().priority())
			.as("ahead of the calm customer in the inbox").isGreaterThan(calmPriority);

		// a later upset message does not move the urgent customer down
		email("spoed-" + tag + "@example.nl", "Ik ben het echt zat, belachelijk");
		UUID marker = email("kalm2-" + tag + "@example.nl", "Nog steeds niet geleverd, absurd");
		await().atMost(Duration.ofSeconds(30)).until(() -> work(marker).urgency() == 2);
		assertThat(work(urgent).urgency()).isEqualTo(3);
	}
}
