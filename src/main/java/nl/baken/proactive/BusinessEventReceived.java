package nl.baken.proactive;

import java.time.Instant;
import java.util.UUID;

import nl.baken.customer.CustomerId;

/**
 * Published once per business event, in the transaction that stored it (a sender's retry of the same event id is
 * not published again). {@code customer} is the matched customer, null when the subject names none Baken knows.
 */
public record BusinessEventReceived(UUID storedId, BusinessEvent event, CustomerId customer, Instant receivedAt) {
}
