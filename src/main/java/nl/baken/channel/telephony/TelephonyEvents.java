package nl.baken.channel.telephony;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.baken.conversation.CallConversations;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ConversationView;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a telephony system's call events: each is stored once per (call id, event id), and the call's conversation on
 * channel {@code phone} gets the contact events derived from everything known of the call so far, each at the time it
 * happened, so events may arrive late or out of order. Returns once committed.
 */
@Service
class TelephonyEvents {

	private static final int MAX_ATTEMPTS = 3;

	private final CallStore store;

	private final CallConversations calls;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TelephonyEvents(CallStore store, CallConversations calls, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.store = store;
		this.calls = calls;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	record Receipt(String callId, UUID conversationId, boolean duplicate) {
	}

	Receipt record(CallEvent event) {
		validate(event);
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> store(event));
			}
			catch (DuplicateKeyException e) {
				// another node created this call or customer, or stored this very event, first: look again
				if (attempt == MAX_ATTEMPTS) {
					throw e;
				}
			}
		}
	}

	Optional<CallView> call(String callId) {
		return store.conversationOf(callId).map(conversation -> {
			List<CallEvent> events = store.events(callId);
			return new CallView(callId, conversation, CallDerivation.summarise(events), events);
		});
	}

	record CallView(String callId, UUID conversationId, CallDerivation.Summary summary, List<CallEvent> events) {
	}

	private Receipt store(CallEvent event) {
		Instant now = clock.instant();
		Optional<UUID> existing = store.lockCall(event.callId());
		UUID conversationId;
		if (existing.isPresent()) {
			conversationId = existing.get();
			if (store.hasEvent(event.callId(), event.eventId())) {
				return new Receipt(event.callId(), conversationId, true);
			}
		}
		else {
			ConversationView conversation = calls.open(
					new IdentityClaim(List.of(caller(event)), null, event.brand(), event.occurredAt()), event.brand(),
					event.occurredAt());
			conversationId = conversation.id();
			store.insertCall(event.callId(), conversationId, now);
		}
		store.insertEvent(event, now);
		List<CallEvent> events = store.events(event.callId());
		ConversationView conversation = calls.settle(conversationId, state(CallDerivation.summarise(events), now));
		Set<String> written = store.derived(event.callId());
		// one offer per call: an offer implied by an earlier arrival is not followed by the system's own, come late
		boolean offerWritten = written.stream().anyMatch(key -> key.startsWith("offered"));
		for (CallDerivation.Derived d : CallDerivation.derive(events)) {
			if (written.contains(d.key()) || d.type() == ContactEventType.OFFERED && offerWritten) {
				continue;
			}
			Actor actor = switch (d.who()) {
				case CUSTOMER -> Actor.customer(conversation.customerId().toString());
				case AGENT -> Actor.agent(d.agent());
				case SYSTEM -> Actor.system("telephony");
			};
			calls.record(conversationId, d.at(), d.type(), actor, d.queue(), d.attributes());
			store.markDerived(event.callId(), d.key());
		}
		return new Receipt(event.callId(), conversationId, false);
	}

	private static CallConversations.CallState state(CallDerivation.Summary summary, Instant now) {
		return new CallConversations.CallState(summary.status(), summary.agent(), summary.answeredAt(),
				summary.endedAt(), now);
	}

	/** The caller's number as a phone identity; a withheld number makes a customer known only by this call. */
	private static Identity caller(CallEvent event) {
		String caller = event.caller().strip();
		if (caller.equalsIgnoreCase("anonymous") || caller.equalsIgnoreCase("withheld")
				|| caller.equalsIgnoreCase("unknown")) {
			return Identity.external("withheld-caller", event.callId());
		}
		return Identity.phone(caller);
	}

	/** What each type needs; refused before anything is stored, with the field named. */
	private static void validate(CallEvent e) {
		switch (e.type()) {
			case IVR_OPTION_CHOSEN -> require(e.option(), "option", e);
			case QUEUED -> require(e.queue(), "queue", e);
			case RINGING, ANSWERED -> require(e.agent(), "agent", e);
			case TRANSFERRED -> {
				if (e.toQueue() == null && e.toAgent() == null) {
					throw new InvalidInputException("toQueue", "a transferred event needs toQueue or toAgent");
				}
			}
			default -> {
			}
		}
		caller(e); // a number that is no phone number is refused here
	}

	private static void require(String value, String field, CallEvent e) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, "a " + e.type().code() + " event needs " + field);
		}
	}
}
