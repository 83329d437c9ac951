package nl.baken.conversation;

import java.util.List;
import java.util.UUID;

/** One page of a customer's history; {@code next} is null on the last page. */
public record CustomerTimeline(UUID customerId, List<ConversationDetail> conversations, PageCursor next) {
}
