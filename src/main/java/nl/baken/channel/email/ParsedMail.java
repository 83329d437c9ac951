package nl.baken.channel.email;

import java.time.Instant;
import java.util.List;

/**
 * One e-mail as Baken reads it. {@code messageId} is the Message-ID without angle brackets, or a hash of the raw mail
 * when it has none, so the same mail fetched twice has the same id. {@code text} is the whole text (quoted history
 * included), {@code displayText} only what the sender wrote now; {@code html} is sanitised. For a bounce,
 * {@code bouncedMessageId} is the Message-ID of the mail that did not arrive.
 */
record ParsedMail(String messageId, String fromAddress, String fromName, String subject, List<String> inReplyTo,
		Instant sentAt, String text, String displayText, String html, List<Part> attachments, Kind kind,
		String bouncedMessageId, String bounceDetail) {

	ParsedMail {
		inReplyTo = List.copyOf(inReplyTo);
		attachments = List.copyOf(attachments);
	}

	enum Kind {
		/** Written by a person. */
		PERSONAL,
		/** Out-of-office, autoresponder, list or bulk mail: recorded, never answered. */
		AUTO_REPLY,
		/** A delivery status notification: one of our mails did not arrive. */
		BOUNCE
	}

	/** A file in the mail; {@code content} is null when it was larger than the parser keeps. */
	record Part(String fileName, String contentType, long sizeBytes, byte[] content) {
	}
}
