package nl.baken.analytics.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.routing.CallbackView;

/**
 * Callbacks read from their events ({@code callback_requested} carries the promised window, {@code
 * callback_attempted} each attempt and its outcome, {@code callback_connected} and {@code callback_ended} how it
 * ended), grouped by callback id. Their promise is the routing module's ({@link CallbackView#promise}), as
 * KPI-DEFINITIONS.md words it: kept when the callback connected within the promised window; broken when it connected
 * outside it, ended without connecting, or was not connected when the window passed; and still open otherwise. A
 * request linked to a pending callback makes no promise of its own, nor does one cancelled within its window.
 */
final class CallbackPromises {

	enum Promise {
		KEPT, BROKEN, OPEN, LINKED, CANCELLED
	}

	record Callback(UUID callbackId, UUID conversationId, UUID customerId, String brandId, Instant requestedAt,
			Instant promisedFrom, Instant promisedTo, Instant connectedAt, Instant endedAt, boolean cancelled,
			List<String> teams, List<String> queues, boolean linked) {

		Promise promise(Instant asOf) {
			if (linked) {
				return Promise.LINKED;
			}
			String status = connectedAt != null ? "connected" : endedAt == null ? "waiting"
					: cancelled ? "cancelled" : "failed";
			Instant ended = connectedAt != null ? connectedAt : endedAt;
			return Promise.valueOf(CallbackView.promise(status, promisedFrom, promisedTo, ended, asOf)
				.toUpperCase(Locale.ROOT));
		}

		boolean matches(KpiQuery query) {
			return (query.channel() == null || Handling.PHONE.equals(query.channel()))
					&& (query.brandId() == null || query.brandId().equals(brandId))
					&& (query.teamId() == null || teams.contains(query.teamId()))
					&& (query.queue() == null || queues.contains(query.queue()));
		}
	}

	static final List<ContactEventType> TYPES = List.of(ContactEventType.CALLBACK_REQUESTED,
			ContactEventType.CALLBACK_SCHEDULED, ContactEventType.CALLBACK_ATTEMPTED, ContactEventType.CALLBACK_ENDED,
			ContactEventType.CALLBACK_CONNECTED);

	/** How {@code callback_ended} says nobody was to call any more, as against a callback that could not connect. */
	private static final List<String> CANCELLED = List.of("cancelled", "conversation-closed");

	private CallbackPromises() {
	}

	private static boolean connects(ContactEvent e) {
		return e.type() == ContactEventType.CALLBACK_CONNECTED || e.type() == ContactEventType.CALLBACK_ATTEMPTED
				&& "connected".equals(e.attributes().get("outcome"));
	}

	/** The callbacks requested in the events given (with a promised window), in order of request. */
	static List<Callback> of(List<ContactEvent> events) {
		Map<String, List<ContactEvent>> byCallback = new LinkedHashMap<>();
		events.stream()
			.filter(e -> TYPES.contains(e.type()) && e.attributes().get("callbackId") != null)
			.sorted(ContactFacts.IN_TIME)
			.forEach(e -> byCallback.computeIfAbsent(e.attributes().get("callbackId").toString(),
					id -> new ArrayList<>()).add(e));
		List<Callback> callbacks = new ArrayList<>();
		byCallback.forEach((id, list) -> {
			ContactEvent requested = list.stream()
				.filter(e -> e.type() == ContactEventType.CALLBACK_REQUESTED)
				.findFirst()
				.orElse(null);
			if (requested == null || requested.attributes().get("promisedTo") == null) {
				return; // requested before the events read, or not a promise
			}
			UUID conversation = list.stream()
				.filter(e -> e.type() == ContactEventType.CALLBACK_ATTEMPTED && e.conversationId() != null)
				.map(ContactEvent::conversationId)
				.findFirst()
				.orElse(requested.conversationId());
			Instant connected = list.stream()
				.filter(CallbackPromises::connects)
				.map(ContactEvent::occurredAt)
				.findFirst()
				.orElse(null);
			ContactEvent ended = list.stream()
				.filter(e -> e.type() == ContactEventType.CALLBACK_ENDED)
				.findFirst()
				.orElse(null);
			boolean cancelled = ended != null && CANCELLED.contains(String.valueOf(ended.attributes().get("outcome")));
			List<String> teams = list.stream().map(ContactEvent::teamId).filter(t -> t != null).distinct().toList();
			List<String> queues = list.stream().map(ContactEvent::queue).filter(q -> q != null).distinct().toList();
			callbacks.add(new Callback(UUID.fromString(id), conversation, requested.customerId(), requested.brandId(),
					requested.occurredAt(), Instant.parse(requested.attributes().get("promisedFrom").toString()),
					Instant.parse(requested.attributes().get("promisedTo").toString()), connected,
					ended == null ? null : ended.occurredAt(), cancelled, teams, queues,
					requested.attributes().containsKey("linkedTo")));
		});
		callbacks.sort(Comparator.comparing(Callback::requestedAt).thenComparing(Callback::callbackId));
		return callbacks;
	}
}
