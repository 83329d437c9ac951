package nl.baken.proactive;

import nl.baken.customer.CustomerId;

/**
 * Per customer: {@code queued}, {@code duplicate}, {@code no_consent}, {@code no_channel}, {@code no_template} (no
 * template for the customer's channel and language, or the notice lacks a value it uses). Volume limits and quiet
 * hours never refuse: they defer a queued notice (so {@code volume_limited} is not an outcome of {@code send}).
 */
public record NoticeResult(CustomerId customer, String outcome, String channel) {
}
