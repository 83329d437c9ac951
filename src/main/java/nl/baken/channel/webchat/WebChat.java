package nl.baken.channel.webchat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import nl.baken.channel.CustomerFiles;
import nl.baken.channel.SelfServiceSuggestions;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Brands;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.routing.CallbackRequest;
import nl.baken.routing.CallbackSlot;
import nl.baken.routing.CallbackView;
import nl.baken.routing.Callbacks;
import nl.baken.routing.Routing;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitor's side of the web chat: sessions, messages, files, receipts, and the requests left outside opening
 * hours. A visitor's message, its place in their stream and its files' link to the conversation are committed
 * together, and the visitor's own message id makes a resend after a lost answer store nothing new.
 */
class WebChat {

	private static final String PHONE = "phone";

	private final Conversations conversations;

	private final ContactEvents events;

	private final Deliveries deliveries;

	private final Brands brands;

	private final VisitorTokens tokens;

	private final SiteIdentities identities;

	private final VisitorStream stream;

	private final Attachments attachments;

	private final BusinessHours hours;

	private final List<SelfServiceSuggestions> suggestions;

	private final MessageSource texts;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final WebchatProperties properties;

	private final Callbacks callbacks;

	private final Routing routing;

	private final ZoneId zone;

	WebChat(Conversations conversations, ContactEvents events, Deliveries deliveries, Brands brands,
			VisitorTokens tokens, SiteIdentities identities, VisitorStream stream, Attachments attachments,
			BusinessHours hours, List<SelfServiceSuggestions> suggestions, MessageSource texts,
			TransactionTemplate transactions, JsonMapper json, Clock clock, WebchatProperties properties,
			Callbacks callbacks, Routing routing, String zone) {
		this.conversations = conversations;
		this.events = events;
		this.deliveries = deliveries;
		this.brands = brands;
		this.tokens = tokens;
		this.identities = identities;
		this.stream = stream;
		this.attachments = attachments;
		this.hours = hours;
		this.suggestions = List.copyOf(suggestions);
		this.texts = texts;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		this.callbacks = callbacks;
		this.routing = routing;
		this.zone = ZoneId.of(zone);
	}

	record Session(String token, Visitor visitor) {
	}

	/**
	 * A session for the widget: the visitor of a still valid token of this brand keeps their id (and history), unless
	 * the signed identity changed, since a chat must never pass from one logged-in user to another, or from an
	 * anonymous visitor to the user who logs in next on that computer.
	 */
	Session session(String brand, String language, String previousToken, SiteIdentities.Claimed claimed) {
		if (brand == null || !brands.exists(brand)) {
			throw new InvalidInputException("brand", "unknown brand '" + brand + "'");
		}
		Instant now = clock.instant();
		String lang = "en".equals(language) ? "en" : "nl";
		SiteIdentities.Verified verified = claimed == null ? null : identities.verify(brand, claimed, now);
		String email = verified == null ? null : verified.email().value();
		Visitor previous = tokens.verify(previousToken, now)
			.filter(v -> brand.equals(v.brand()))
			.filter(v -> java.util.Objects.equals(v.email(), email))
			.orElse(null);
		String id = previous != null ? previous.id() : "wv-" + Ids.next();
		Instant expires = now.plus(properties.visitorTokenLifetime());
		if (verified != null && verified.expires().isBefore(expires)) {
			expires = verified.expires();
		}
		Visitor visitor = new Visitor(id, brand, lang, email, verified == null ? null : verified.name(), expires);
		stream.open(id, brand, now);
		return new Session(tokens.issue(visitor), visitor);
	}

	boolean open() {
		return hours.openAt(clock.instant());
	}

	/** {@code callback}: the promise of a callback request, else null. */
	record Sent(String id, long seq, boolean duplicate, Promise callback) {
	}

	Sent send(Visitor visitor, String clientMessageId, String text, List<UUID> attachmentIds) {
		List<Attachments.Stored> files = attachments.forMessage(visitor.id(), attachmentIds);
		String body = text == null ? "" : text.strip();
		if (body.isEmpty() && files.isEmpty()) {
			throw new InvalidInputException("text", "a message needs text or a file");
		}
		return deliver(visitor, clientMessageId, body, files, null);
	}

	/** Left outside opening hours: the e-mail address is only what the visitor typed, so it is not an identity. */
	Sent leaveMessage(Visitor visitor, String clientMessageId, String name, String email, String text) {
		Identity address = Identity.email(email);
		Locale locale = Locale.of(visitor.language());
		String body = texts.getMessage("webchat.left.message", new Object[] { name.strip(), address.value() },
				locale) + "\n\n" + text.strip();
		return deliver(visitor, clientMessageId, body, List.of(), null);
	}

	/**
	 * A callback request: the message agents see in the chat, and a routed callback (in the queue, or in one of the
	 * offered slots) in the same transaction, which logs it and confirms it in this chat.
	 */
	Sent requestCallback(Visitor visitor, String clientMessageId, String name, String phone, Instant slotStart) {
		Identity number = Identity.phone(phone);
		Locale locale = Locale.of(visitor.language());
		String when = slotStart == null ? texts.getMessage("webchat.callback.inQueue", null, locale)
				: DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm", locale).format(slotStart.atZone(zone));
		String body = texts.getMessage("webchat.left.callback",
				new Object[] { name == null || name.isBlank() ? "-" : name.strip(), number.value(), when }, locale);
		// the queue the callback joins when it keeps the visitor's turn: its place is behind those waiting now
		int ahead = slotStart == null ? routing.expectedWait(PHONE, visitor.brand()).waiting() : 0;
		return deliver(visitor, clientMessageId, body, List.of(), receipt -> {
			CallbackView callback = callbacks.request(new CallbackRequest(number.value(),
					slotStart == null ? "in_queue" : "scheduled", "widget", null, null, null, visitor.language(),
					visitor.brand(), slotStart, receipt.conversationId()),
					Actor.customer(receipt.customerId().toString()));
			if ("linked".equals(callback.status())) {
				// the pending callback's time is not for whoever typed the number (CallbackView.askedByAnyone)
				return new Promise(callback.kind(), callback.status(), null, null, null);
			}
			return new Promise(callback.kind(), callback.status(), callback.promisedFrom(), callback.promisedTo(),
					slotStart == null ? ahead + 1 : null);
		});
	}

	/** What the widget tells the visitor: when they will be called, and their place for a callback in the queue. */
	record Promise(String kind, String status, Instant from, Instant to, Integer position) {
	}

	List<CallbackSlot> callbackSlots() {
		return callbacks.slots(2);
	}

	private Sent deliver(Visitor visitor, String clientMessageId, String body, List<Attachments.Stored> files,
			Function<InboundReceipt, Promise> callback) {
		Instant now = clock.instant();
		String providerId = visitor.id() + ":" + clientMessageId;
		InboundMessage message = new InboundMessage(WebchatAdapter.ID, providerId, claim(visitor, now),
				visitor.brand(), visitor.language(), null, body, null,
				files.stream()
					.map(f -> new InboundMessage.Attachment(f.fileName(), f.contentType(), f.sizeBytes(),
							CustomerFiles.DESK_PATH + f.id()))
					.toList(),
				now, now);
		List<UUID> fileIds = files.stream().map(Attachments.Stored::id).toList();
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> {
					InboundReceipt receipt = conversations.receive(message);
					attachments.link(fileIds, visitor.id(), receipt.conversationId());
					// a resend of the same request finds it stored and books nothing again
					Promise promise = callback != null && !receipt.duplicate() ? callback.apply(receipt) : null;
					VisitorStream.Entry entry = stream.append(visitor.id(), "visitor", providerId, receipt.messageId(),
							receipt.conversationId(), body, files.isEmpty() ? null : fileNames(files), now);
					return new Sent(providerId, entry.seq(), receipt.duplicate(), promise);
				});
			}
			catch (DuplicateKeyException e) {
				// the same message raced in on another request: the next attempt finds it stored
				if (attempt == 3) {
					throw e;
				}
			}
		}
	}

	private IdentityClaim claim(Visitor visitor, Instant at) {
		List<Identity> claimed = new ArrayList<>();
		claimed.add(Identity.webVisitor(visitor.id()));
		if (visitor.identified()) {
			claimed.add(Identity.email(visitor.email()));
		}
		return new IdentityClaim(claimed, visitor.name(), visitor.brand(), at);
	}

	private String fileNames(List<Attachments.Stored> files) {
		return json.writeValueAsString(files.stream().map(Attachments.Stored::fileName).toList());
	}

	/** The widget showed ("delivered") or the visitor saw ("read") an agent's message of their own stream. */
	boolean report(Visitor visitor, String providerMessageId, DeliveryStatus status) {
		if (status != DeliveryStatus.DELIVERED && status != DeliveryStatus.READ) {
			throw new InvalidInputException("status", "a widget reports 'delivered' or 'read'");
		}
		if (!stream.shows(visitor.id(), providerMessageId)) {
			throw new InvalidInputException("id", "no agent message " + providerMessageId + " in this chat");
		}
		return deliveries.reported(WebchatAdapter.ID, providerMessageId, status, null, clock.instant());
	}

	List<SelfServiceSuggestions.Suggestion> suggest(Visitor visitor, String text) {
		String typed = text == null ? "" : text.strip();
		if (typed.length() < 3 || suggestions.isEmpty()) {
			return List.of();
		}
		SelfServiceSuggestions.Query query = new SelfServiceSuggestions.Query(visitor.brand(), visitor.language(),
				typed.length() > 500 ? typed.substring(0, 500) : typed, 5);
		return suggestions.stream()
			.flatMap(provider -> provider.suggest(query).stream())
			.filter(s -> s.url() != null && (s.url().startsWith("https://") || s.url().startsWith("http://")))
			.limit(5)
			.toList();
	}
}
