package nl.baken.channel.whatsapp;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import nl.baken.access.ProviderWebhook;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp Cloud API webhook. {@code GET} is Meta's subscription check (echo {@code hub.challenge} when
 * {@code hub.verify_token} matches). {@code POST} carries messages and statuses: the signature is checked over the
 * raw body before anything is parsed; the answer is 200 only once every message and status in it is committed, so
 * Meta retries anything that failed, and a retry stores nothing twice.
 */
@RestController
class WebhookController {

	static final String PATH = "/api/v1/channels/whatsapp/webhook";

	/** How long a status of an unknown message is delivered again before it is taken as someone else's. */
	static final Duration OVERTAKEN = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

	private final WhatsAppProperties properties;

	private final Conversations conversations;

	private final Deliveries deliveries;

	private final WebhookParser parser;

	private final Clock clock;

	WebhookController(WhatsAppProperties properties, Conversations conversations, Deliveries deliveries,
			JsonMapper json, Clock clock) {
		this.properties = properties;
		this.conversations = conversations;
		this.deliveries = deliveries;
		this.parser = new WebhookParser(json);
		this.clock = clock;
	}

	@GetMapping(path = PATH)
	@ProviderWebhook
	ResponseEntity<?> verify(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		String expected = properties.verifyToken();
		if (!"subscribe".equals(mode) || expected == null || expected.isBlank() || token == null || challenge == null
				|| !java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
						token.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
			log.warn("WhatsApp webhook verification refused: mode or verify token did not match");
			return problem(HttpStatus.FORBIDDEN, "The verify token does not match.");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	@PostMapping(path = PATH)
	@ProviderWebhook
	ResponseEntity<?> receive(@RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
			@RequestBody(required = false) byte[] body, HttpServletRequest request) {
		if (!properties.canVerifySignatures()) {
			log.warn("WhatsApp webhook refused from {}: no app secret configured (baken.channels.whatsapp.app-secret)",
					request.getRemoteAddr());
			return problem(HttpStatus.UNAUTHORIZED, "WhatsApp webhooks are not configured on this Baken.");
		}
		if (!WebhookSignature.valid(signature, body, properties.appSecret())) {
			log.warn("WhatsApp webhook refused from {}: {} X-Hub-Signature-256", request.getRemoteAddr(),
					signature == null ? "no" : "wrong");
			return problem(HttpStatus.UNAUTHORIZED, "The X-Hub-Signature-256 signature is missing or wrong.");
		}
		Instant now = clock.instant();
		WebhookParser.Payload payload;
		try {
			payload = parser.parse(body == null ? new byte[0] : body, properties.phoneNumberId(), now);
		}
		catch (WebhookParser.Malformed e) {
			log.warn("WhatsApp webhook refused: {}", e.getMessage());
			return problem(HttpStatus.BAD_REQUEST, "The webhook payload is malformed: " + e.getMessage() + ".");
		}
		for (WebhookParser.Message message : payload.messages()) {
			receive(message, now);
		}
		boolean overtaken = false;
		for (WebhookParser.Status status : payload.statuses()) {
			if (!deliveries.reported(WhatsAppAdapter.ID, status.wamid(), status.status(), status.detail(), status.at())
					&& Duration.between(status.at(), now).abs().compareTo(OVERTAKEN) < 0) {
				overtaken = true;
			}
		}
		if (payload.skipped() > 0) {
			log.info("WhatsApp webhook: skipped {} item(s) without the fields Baken needs", payload.skipped());
		}
		if (overtaken) {
			// Graph answers a send before Baken records its id, so a status can arrive first: Meta delivers it again
			// (what this payload stored is stored once); a status of a message that is not ours is let go once older
			return problem(HttpStatus.SERVICE_UNAVAILABLE,
					"A status names a message whose sending is not recorded yet; deliver it again later.");
		}
		return ResponseEntity.ok().build();
	}

	private void receive(WebhookParser.Message message, Instant now) {
		Identity sender;
		try {
			sender = Identity.whatsapp(message.from());
		}
		catch (InvalidInputException e) {
			// Meta would send it again and again: it can never become a customer, so it is dropped with a trace
			log.warn("WhatsApp message {} skipped: the sender is not a valid WhatsApp number", message.wamid());
			return;
		}
		conversations.receive(new InboundMessage(WhatsAppAdapter.ID, message.wamid(),
				new IdentityClaim(List.of(sender), message.name(), properties.brand(), now), properties.brand(), null,
				null, message.text(), null, message.attachments(), message.sentAt(), now));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
