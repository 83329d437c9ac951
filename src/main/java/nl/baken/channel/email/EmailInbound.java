package nl.baken.channel.email;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.baken.channel.StoredAttachment;
import nl.baken.channel.internal.AttachmentStore;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to one fetched mail. A person's mail becomes a message in the conversation it replies to (found by its
 * In-Reply-To/References headers, else by the reply token in the subject, else the usual open conversation of the
 * customer), with its attachments. Automatic mail is never treated as a customer's question, so nothing answers it:
 * an out-of-office or list mail becomes a note on the conversation it replies to, a bounce marks our mail as failed,
 * and a mail from our own address (a loop) is only remembered. Every mail's Message-ID is remembered, so the same
 * mail fetched again changes nothing.
 */
@Component
@ConditionalOnProperty(prefix = "baken.channels.email.imap", name = "host")
class EmailInbound {

	static final String CHANNEL = EmailAdapter.CHANNEL;

	static final Pattern REPLY_TOKEN = Pattern.compile("\\[#([A-Z2-9]{8})]");

	private static final Logger log = LoggerFactory.getLogger(EmailInbound.class);

	private static final int NOTE_TEXT = 2000;

	private final Conversations conversations;

	private final Deliveries deliveries;

	private final AttachmentStore attachments;

	private final EmailStore store;

	private final EmailProperties properties;

	private final TransactionTemplate transactions;

	EmailInbound(Conversations conversations, Deliveries deliveries, AttachmentStore attachments, EmailStore store,
			EmailProperties properties, PlatformTransactionManager transactionManager) {
		this.conversations = conversations;
		this.deliveries = deliveries;
		this.attachments = attachments;
		this.store = store;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	enum Outcome {
		STORED, DUPLICATE, AUTO_REPLY, BOUNCE, LOOP, NO_SENDER
	}

	/** Handles the mail; returns once what it stored is committed, so the caller may then mark it as seen. */
	Outcome handle(ParsedMail mail, Instant receivedAt) {
		if (isOurs(mail.fromAddress())) {
			store.remember(mail.messageId(), null, "loop", null, receivedAt);
			log.info("Mail {} comes from our own address: not answered", mail.messageId());
			return Outcome.LOOP;
		}
		if (mail.kind() == ParsedMail.Kind.BOUNCE) {
			return bounce(mail, receivedAt);
		}
		if (mail.kind() == ParsedMail.Kind.AUTO_REPLY) {
			return autoReply(mail, receivedAt);
		}
		Identity sender;
		try {
			sender = mail.fromAddress() == null ? null : Identity.email(mail.fromAddress());
		}
		catch (InvalidInputException e) {
			sender = null;
		}
		if (sender == null) {
			store.remember(mail.messageId(), null, "loop", mail.text(), receivedAt);
			log.warn("Mail {} has no usable sender address: left out", mail.messageId());
			return Outcome.NO_SENDER;
		}
		return personal(mail, sender, receivedAt);
	}

	private Outcome personal(ParsedMail mail, Identity sender, Instant receivedAt) {
		List<UUID> stored = new ArrayList<>();
		List<InboundMessage.Attachment> listed = new ArrayList<>();
		for (int i = 0; i < mail.attachments().size(); i++) {
			ParsedMail.Part part = mail.attachments().get(i);
			if (part.content() == null || !properties.attachmentTypeAllowed(part.contentType())) {
				// listed without a link, so the agent knows the customer sent it and may ask for it another way
				listed.add(new InboundMessage.Attachment(part.fileName(), part.contentType(), Math.max(0, part.sizeBytes()),
						null));
				continue;
			}
			AttachmentStore.Part saved = attachments.store(CHANNEL, mail.messageId(), i, part.fileName(),
					part.contentType(), part.content(), receivedAt);
			stored.add(saved.id());
			listed.add(new InboundMessage.Attachment(saved.fileName(), saved.contentType(), saved.sizeBytes(),
					StoredAttachment.API_PATH + saved.id()));
		}
		String text = mail.displayText().isBlank() ? (mail.subject() == null ? "" : mail.subject())
				: mail.displayText();
		InboundMessage message = new InboundMessage(CHANNEL, mail.messageId(),
				new IdentityClaim(List.of(sender), mail.fromName(), properties.brand(), receivedAt), properties.brand(),
				null, subject(mail.subject()), text, mail.html(), listed,
				mail.sentAt() == null ? receivedAt : mail.sentAt(), receivedAt);
		InboundReceipt receipt = conversations.receive(message, thread(mail).map(ConversationId::new).orElse(null));
		attachments.attach(stored, receipt.conversationId());
		transactions.executeWithoutResult(status -> store.remember(mail.messageId(), receipt.conversationId(),
				"inbound", mail.text(), receivedAt));
		return receipt.duplicate() ? Outcome.DUPLICATE : Outcome.STORED;
	}

	private Outcome autoReply(ParsedMail mail, Instant receivedAt) {
		Optional<UUID> conversation = thread(mail);
		transactions.executeWithoutResult(status -> {
			if (store.remember(mail.messageId(), conversation.orElse(null), "auto-reply", mail.text(), receivedAt)
					&& conversation.isPresent()) {
				String body = mail.displayText().length() > NOTE_TEXT ? mail.displayText().substring(0, NOTE_TEXT)
						: mail.displayText();
				conversations.addNote(new ConversationId(conversation.get()), CHANNEL,
						"Automatic reply from " + mail.fromAddress() + " (not answered): "
								+ (mail.subject() == null ? "" : mail.subject()) + "\n\n" + body,
						receivedAt);
			}
		});
		log.info("Mail {} is an automatic reply: recorded, not answered", mail.messageId());
		return Outcome.AUTO_REPLY;
	}

	private Outcome bounce(ParsedMail mail, Instant receivedAt) {
		if (mail.bouncedMessageId() != null) {
			String detail = "bounced" + (mail.bounceDetail() == null || mail.bounceDetail().isBlank() ? ""
					: ": " + mail.bounceDetail());
			deliveries.reported(CHANNEL, mail.bouncedMessageId(), DeliveryStatus.FAILED, detail, receivedAt);
		}
		store.remember(mail.messageId(), store.conversationOf(nullSafe(mail.bouncedMessageId())).orElse(null),
				"bounce", mail.text(), receivedAt);
		log.info("Mail {} is a bounce of {}", mail.messageId(), mail.bouncedMessageId());
		return Outcome.BOUNCE;
	}

	/** The conversation the mail replies to: by its headers first, then by the reply token in its subject. */
	private Optional<UUID> thread(ParsedMail mail) {
		Optional<UUID> byHeaders = store.conversationOf(mail.inReplyTo());
		if (byHeaders.isPresent() || mail.subject() == null) {
			return byHeaders;
		}
		Matcher token = REPLY_TOKEN.matcher(mail.subject());
		return token.find() ? store.conversationOfToken(token.group(1)) : Optional.empty();
	}

	private boolean isOurs(String address) {
		return address != null && properties.fromAddress() != null
				&& address.equalsIgnoreCase(properties.fromAddress().strip());
	}

	/** The subject without the reply token and the reply prefixes that clients stack up. */
	static String subject(String subject) {
		if (subject == null) {
			return null;
		}
		String plain = REPLY_TOKEN.matcher(subject).replaceAll("");
		plain = plain.replaceAll("(?i)^(\\s*(re|aw|antw|fw|fwd|doorst)\\s*:\\s*)+", "").strip();
		return plain.length() > 300 ? plain.substring(0, 300) : plain.isEmpty() ? null : plain;
	}

	private static List<String> nullSafe(String id) {
		return id == null ? List.of() : List.of(id);
	}
}
