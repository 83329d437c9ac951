package nl.baken.answering.internal;

import java.time.LocalDate;

/**
 * The outcome of asking the shop for an order's status: found (with what the shop said), not found, or failed (the
 * shop did not answer, answered late, or the circuit is open).
 */
public record OrderLookup(Kind kind, String orderNumber, String status, LocalDate expected, String carrier,
		String trackingUrl, String detail) {

	public enum Kind {
		FOUND, NOT_FOUND, FAILED
	}

	public static OrderLookup failed(String orderNumber, String detail) {
		return new OrderLookup(Kind.FAILED, orderNumber, null, null, null, null, detail);
	}

	public static OrderLookup notFound(String orderNumber) {
		return new OrderLookup(Kind.NOT_FOUND, orderNumber, null, null, null, null, null);
	}

	/** One line for the hand-off summary and the session. */
	public String summary() {
		return switch (kind) {
			case FOUND -> orderNumber + ": " + status + (expected == null ? "" : ", " + expected)
					+ (carrier == null ? "" : ", " + carrier);
			case NOT_FOUND -> orderNumber + ": not found";
			case FAILED -> orderNumber + ": failed (" + detail + ")";
		};
	}
}
