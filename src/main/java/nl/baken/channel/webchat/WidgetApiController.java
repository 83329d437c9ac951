package nl.baken.channel.webchat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.baken.access.Users;
import nl.baken.channel.SelfServiceSuggestions;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.routing.CallbackSlot;
import org.springframework.context.MessageSource;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The API the widget calls from the customer's site, under {@code /webchat/api}. Callers are visitors, not API
 * clients: they authenticate with the signed visitor token from {@code POST /webchat/api/sessions} (header
 * {@code Baken-Visitor-Token}, or
 * {@code token} on the stream, as EventSource cannot set headers), only configured sites may call it from a browser
 * (CORS), and each visitor and address is rate limited.
 */
@RestController
class WidgetApiController {

	/** Not {@code Authorization}: that header carries API tokens, which visitors do not have. */
	static final String TOKEN_HEADER = "Baken-Visitor-Token";

	static final List<String> WIDGET_TEXTS = List.of("title", "open", "close", "placeholder", "send", "attach",
			"agent", "you", "closed", "leaveMessage", "requestCallback", "name", "email", "phone", "preferredTime",
			"callbackInQueue", "callbackPromised", "callbackPosition", "callbackLinked",
			"message", "submit", "thanksMessage", "thanksCallback", "connecting", "offline", "failed", "suggestions",
			"fileRefused", "tooMany", "back", "start", "typing", "bot");

	private final WebChat chat;

	private final VisitorTokens tokens;

	private final RateLimiter limiter;

	private final VisitorStream stream;

	private final Attachments attachments;

	private final MessageSource texts;

	private final Typing typing;

	private final Clock clock;

	private final WebchatProperties properties;

	private final Users users;

	/** Open streams, ended when the application stops so that shutdown does not wait for visitors to leave. */
	private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	WidgetApiController(WebChat chat, VisitorTokens tokens, RateLimiter limiter, VisitorStream stream,
			Attachments attachments, MessageSource texts, Typing typing, Clock clock, WebchatProperties properties,
			Users users) {
		this.chat = chat;
		this.tokens = tokens;
		this.limiter = limiter;
		this.stream = stream;
		this.attachments = attachments;
		this.texts = texts;
		this.typing = typing;
		this.clock = clock;
		this.properties = properties;
		this.users = users;
	}

	@PostMapping("/webchat/api/sessions")
	Map<String, Object> session(@Valid @RequestBody SessionRequest request, HttpServletRequest http) {
		limiter.acquire(null, http.getRemoteAddr());
		WebChat.Session session = chat.session(request.brand(), request.language(), request.token(),
				request.identity() == null ? null
						: new SiteIdentities.Claimed(request.identity().email(), request.identity().name(),
								request.identity().expires(), request.identity().signature()));
		Visitor visitor = session.visitor();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token", session.token());
		body.put("visitorId", visitor.id());
		body.put("expiresAt", visitor.expires().toString());
		body.put("identified", visitor.identified());
		body.put("name", visitor.name());
		body.put("language", visitor.language());
		body.put("open", chat.open());
		body.put("maxFileBytes", attachments.maxBytes());
		body.put("fileTypes", properties.attachments().types());
		Locale locale = Locale.of(visitor.language());
		Map<String, String> widgetTexts = new LinkedHashMap<>();
		WIDGET_TEXTS.forEach(key -> widgetTexts.put(key, texts.getMessage("webchat.widget." + key, null, locale)));
		body.put("texts", widgetTexts);
		return body;
	}

	@PostMapping("/webchat/api/messages")
	ResponseEntity<WebChat.Sent> send(@RequestHeader(value = TOKEN_HEADER, required = false) String token,
			@Valid @RequestBody MessageRequest request, HttpServletRequest http) {
		Visitor visitor = visitor(token, http);
		WebChat.Sent sent = chat.send(visitor, request.clientMessageId(), request.text(),
				request.attachmentIds() == null ? List.of() : request.attachmentIds());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(sent);
	}

	@PostMapping("/webchat/api/offline-messages")
	ResponseEntity<WebChat.Sent> leaveMessage(
			@RequestHeader(value = TOKEN_HEADER, required = false) String token,
			@Valid @RequestBody OfflineMessage request, HttpServletRequest http) {
		Visitor visitor = visitor(token, http);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(chat.leaveMessage(visitor, request.clientMessageId(), request.name(), request.email(),
					request.text()));
	}

	@PostMapping("/webchat/api/callbacks")
	ResponseEntity<WebChat.Sent> callback(@RequestHeader(value = TOKEN_HEADER, required = false) String token,
			@Valid @RequestBody CallbackRequest request, HttpServletRequest http) {
		Visitor visitor = visitor(token, http);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(chat.requestCallback(visitor, request.clientMessageId(), request.name(), request.phone(),
					request.slotStart()));
	}

	/** The times a visitor may pick for a callback (the other choice keeps their turn in the queue). */
	@GetMapping("/webchat/api/callbacks/slots")
	List<CallbackSlot> callbackSlots(@RequestHeader(value = TOKEN_HEADER, required = false) String token,
			HttpServletRequest http) {
		visitor(token, http);
		return chat.callbackSlots();
	}

	@PostMapping("/webchat/api/attachments")
	ResponseEntity<Attachments.Stored> upload(
			@RequestHeader(value = TOKEN_HEADER, required = false) String token,
			@RequestPart("file") MultipartFile file, HttpServletRequest http) throws IOException {
		Visitor visitor = visitor(token, http);
		if (file.getSize() > attachments.maxBytes()) {
			throw new nl.baken.shared.InvalidInputException("file",
					"the file is larger than " + attachments.maxBytes() + " bytes");
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(attachments.store(visitor.id(), file.getOriginalFilename(), file.getContentType(), file.getBytes(),
					clock.instant()));
	}

	/** Answers 409 when the outbox has not yet noted the send: the widget reports again a moment later. */
	@PostMapping("/webchat/api/receipts")
	ResponseEntity<Void> receipt(@RequestHeader(value = TOKEN_HEADER, required = false) String token,
			@Valid @RequestBody Receipt request, HttpServletRequest http) {
		Visitor visitor = visitor(token, http);
		DeliveryStatus status;
		try {
			status = DeliveryStatus.fromCode(request.status());
		}
		catch (IllegalArgumentException e) {
			throw new nl.baken.shared.InvalidInputException("status", "a widget reports 'delivered' or 'read'");
		}
		return chat.report(visitor, request.id(), status) ? ResponseEntity.noContent().build()
				: ResponseEntity.status(HttpStatus.CONFLICT).build();
	}

	/** The visitor is typing: agents on the conversation see it for a few seconds. */
	@PostMapping("/webchat/api/typing")
	ResponseEntity<Void> typing(@RequestHeader(value = TOKEN_HEADER, required = false) String token) {
		Visitor visitor = tokens.verify(token, clock.instant()).orElseThrow(InvalidVisitorToken::new);
		limiter.acquireTyping(visitor.id());
		typing.visitorTyping(visitor.id());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/webchat/api/suggestions")
	Map<String, List<SelfServiceSuggestions.Suggestion>> suggestions(
			@RequestHeader(value = TOKEN_HEADER, required = false) String token,
			@RequestParam(defaultValue = "") String q, HttpServletRequest http) {
		Visitor visitor = visitor(token, http);
		return Map.of("suggestions", chat.suggest(visitor, q));
	}

	/**
	 * Server-sent events: every entry of the visitor's stream after {@code Last-Event-ID} (sent by EventSource when it
	 * reconnects) or {@code after}, in order, then new ones as they come, read from the database so that any node
	 * serves it, and {@code typing} events while an agent types. Ends after a while; EventSource then reconnects where
	 * it left off.
	 */
	@GetMapping(path = "/webchat/api/stream", produces = "text/event-stream")
	SseEmitter stream(@RequestParam String token, @RequestParam(defaultValue = "0") long after,
			@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest http) {
		Visitor visitor = tokens.verify(token, clock.instant()).orElseThrow(InvalidVisitorToken::new);
		limiter.acquire(visitor.id(), http.getRemoteAddr());
		long cursor = after;
		if (lastEventId != null && !lastEventId.isBlank()) {
			try {
				cursor = Long.parseLong(lastEventId.strip());
			}
			catch (NumberFormatException e) {
				throw new nl.baken.shared.InvalidInputException("Last-Event-ID", "Last-Event-ID must be a number");
			}
		}
		SseEmitter emitter = new SseEmitter(properties.streamLifetime().toMillis() + 5_000);
		streams.add(emitter);
		long start = cursor;
		Thread.ofVirtual().name("webchat-stream").start(() -> pump(visitor, start, emitter));
		return emitter;
	}

	private void pump(Visitor visitor, long start, SseEmitter emitter) {
		long cursor = start;
		long until = System.nanoTime() + properties.streamLifetime().toNanos();
		long poll = properties.streamPollInterval().toMillis();
		long lastWrite = System.nanoTime();
		boolean typingShown = false;
		try {
			emitter.send(SseEmitter.event().reconnectTime(1000).comment("baken"));
			while (System.nanoTime() < until && !stopping) {
				List<VisitorStream.Entry> entries = stream.after(visitor.id(), cursor, 100);
				for (VisitorStream.Entry entry : entries) {
					emitter.send(SseEmitter.event().id(Long.toString(entry.seq())).name("message").data(event(entry)));
					cursor = entry.seq();
					lastWrite = System.nanoTime();
				}
				boolean agentTyping = typing.agentTyping(visitor.id());
				if (agentTyping != typingShown) {
					// no id: a typing signal is not a position in the stream
					emitter.send(SseEmitter.event().name("typing").data(Map.of("agent", agentTyping)));
					typingShown = agentTyping;
				}
				if (entries.isEmpty()) {
					if (System.nanoTime() - lastWrite > 15_000_000_000L) {
						// a comment now and then finds connections the visitor closed
						emitter.send(SseEmitter.event().comment("keep-alive"));
						lastWrite = System.nanoTime();
					}
					stream.await(visitor.id(), poll);
				}
			}
			emitter.complete();
		}
		catch (IOException | IllegalStateException e) {
			// the visitor went away; EventSource reconnects if they did not
			emitter.completeWithError(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			emitter.complete();
		}
		finally {
			streams.remove(emitter);
		}
	}

	@EventListener(ContextClosedEvent.class)
	void stopStreams() {
		stopping = true;
		streams.forEach(SseEmitter::complete);
	}

	/**
	 * One message for the widget. {@code author}: {@code visitor}, {@code bot} (the widget labels it as the
	 * assistant, so no one takes it for a person) or {@code agent}, with {@code name} the agent's display name when a
	 * person wrote it (absent for the system's messages).
	 */
	private Map<String, Object> event(VisitorStream.Entry entry) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("seq", entry.seq());
		event.put("id", entry.providerMessageId());
		VisitorStream.Sender sender = entry.sender();
		boolean bot = sender != null && "bot".equals(sender.kind());
		event.put("author", bot ? "bot" : entry.author());
		if (sender != null && "agent".equals(sender.kind()) && sender.id() != null) {
			users.find(sender.id()).ifPresent(user -> event.put("name", user.displayName()));
		}
		event.put("text", entry.text());
		event.put("files", entry.attachments());
		event.put("at", entry.at().toString());
		return event;
	}

	private Visitor visitor(String token, HttpServletRequest http) {
		Instant now = clock.instant();
		Visitor visitor = tokens.verify(token, now).orElseThrow(InvalidVisitorToken::new);
		limiter.acquire(visitor.id(), http.getRemoteAddr());
		return visitor;
	}

	static final class InvalidVisitorToken extends RuntimeException {

		InvalidVisitorToken() {
			super("The visitor token is missing, forged, tampered with or expired; start a new session.");
		}
	}

	record SessionRequest(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String brand,
			@Pattern(regexp = "nl|en") String language, @Size(max = 4096) String token,
			@Valid SignedIdentity identity) {
	}

	record SignedIdentity(@NotBlank @Size(max = 320) String email, @Size(max = 200) String name,
			@NotNull Long expires, @NotBlank @Size(max = 128) String signature) {
	}

	record MessageRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String clientMessageId,
			@Size(max = 5000) String text, @Size(max = 5) List<@NotNull UUID> attachmentIds) {
	}

	record OfflineMessage(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String clientMessageId,
			@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
			@NotBlank @Size(max = 5000) String text) {
	}

	record CallbackRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String clientMessageId,
			@Size(max = 200) String name, @NotBlank @Size(max = 40) String phone, Instant slotStart) {
	}

	record Receipt(@NotBlank @Size(max = 300) String id, @NotBlank String status) {
	}
}
