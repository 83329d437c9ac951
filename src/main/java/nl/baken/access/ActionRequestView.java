package nl.baken.access;

import java.time.Instant;
import java.util.UUID;

/** One request to run an action: run at once within the requester's limit, or waiting for a team lead. */
public record ActionRequestView(UUID id, String actionId, UUID conversationId, UUID customerId, String teamId,
		String requestedBy, Long amountCents, String details, Status status, String decidedBy, Instant decidedAt,
		String result, Instant createdAt) {

	public enum Status {

		PENDING_APPROVAL, APPROVED, EXECUTED, FAILED, REJECTED;

		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		public static Status fromCode(String code) {
			return valueOf(code.toUpperCase(java.util.Locale.ROOT));
		}
	}
}
