package nl.baken.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Sql;

/**
 * A customer's message as a channel adapter hands it over, after it checked the signature and parsed it.
 * {@code providerMessageId} is the channel's own id: the same id on the same channel is stored once.
 */
public record InboundMessage(String channel, String providerMessageId, IdentityClaim sender, String brandId,
		String language, String subject, String text, String html, List<Attachment> attachments, Instant sentAt,
		Instant receivedAt) {

	public InboundMessage {
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(providerMessageId, "providerMessageId");
		Objects.requireNonNull(sender, "sender");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(sentAt, "sentAt");
		Objects.requireNonNull(receivedAt, "receivedAt");
		attachments = attachments == null ? List.of() : List.copyOf(attachments);
		providerMessageId = Sql.storable(providerMessageId);
		subject = Sql.storable(subject);
		text = Sql.storable(text);
		html = Sql.storable(html);
	}

	/** Metadata only; the content is kept by the channel that received it. */
	public record Attachment(String fileName, String contentType, long sizeBytes, String url) {

		public Attachment {
			fileName = Sql.storable(fileName);
			contentType = Sql.storable(contentType);
		}
	}
}
