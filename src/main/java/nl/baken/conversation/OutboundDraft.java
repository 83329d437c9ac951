package nl.baken.conversation;

/**
 * What a channel needs to deliver one outbound message: the message, its conversation, and the customer's latest
 * message in it (for threading and for service windows such as WhatsApp's 24 hours), or {@code null} when there is
 * none.
 */
public record OutboundDraft(MessageView message, ConversationView conversation, MessageView lastInbound) {
}
