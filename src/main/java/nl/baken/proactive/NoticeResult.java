package nl.baken.proactive;

import nl.baken.customer.CustomerId;

/** Per customer: {@code queued}, {@code duplicate}, {@code no_consent}, {@code no_channel} or {@code volume_limited}. */
public record NoticeResult(CustomerId customer, String outcome, String channel) {
}
