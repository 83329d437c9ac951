package nl.baken.channel.generic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/inbound}: the generic channel. Answers 202 with the conversation once the message is committed;
 * the same provider message id on the same channel again gets the same answer and stores nothing new.
 */
@RestController
class InboundController {

	static final String DUPLICATE_HEADER = "Baken-Duplicate";

	private final Conversations conversations;

	private final Clock clock;

	InboundController(Conversations conversations, Clock clock) {
		this.conversations = conversations;
		this.clock = clock;
	}

	@PostMapping("/api/v1/inbound")
	@RequiresScope(Scope.INBOUND_WRITE)
	ResponseEntity<Receipt> receive(@Valid @RequestBody Inbound request) {
		Instant receivedAt = clock.instant();
		InboundMessage message = new InboundMessage(request.channel(), request.providerMessageId(),
				new IdentityClaim(identities(request.channel(), request.sender()), request.sender().name(),
						request.brand(), receivedAt),
				request.brand(), request.language(), request.subject(), request.text(), null,
				request.attachments() == null ? List.of()
						: request.attachments()
							.stream()
							.map(a -> new InboundMessage.Attachment(a.fileName(), a.contentType(), a.sizeBytes(), a.url()))
							.toList(),
				request.sentAt(), receivedAt);
		InboundReceipt receipt = conversations.receive(message);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header(DUPLICATE_HEADER, String.valueOf(receipt.duplicate()))
			.body(new Receipt(receipt.conversationId().toString(), receipt.messageId().toString(),
					receipt.customerId().toString()));
	}

	/** The identity native to the channel comes first: it is the one the channel itself vouches for. */
	private static List<Identity> identities(String channel, Sender sender) {
		List<Identity> identities = new ArrayList<>();
		if (sender.email() != null) {
			identities.add(Identity.email(sender.email()));
		}
		if (sender.phone() != null) {
			identities.add(Identity.phone(sender.phone()));
		}
		if (sender.whatsappId() != null) {
			identities.add(Identity.whatsapp(sender.whatsappId()));
		}
		if (sender.webVisitorId() != null) {
			identities.add(Identity.webVisitor(sender.webVisitorId()));
		}
		if (sender.externalIds() != null) {
			sender.externalIds().forEach((system, id) -> identities.add(Identity.external(system, id)));
		}
		if (identities.isEmpty()) {
			throw new InvalidInputException("sender",
					"sender needs at least one of email, phone, whatsappId, webVisitorId or externalIds");
		}
		List<Identity> ordered = new ArrayList<>(identities.stream().filter(i -> nativeTo(channel, i)).toList());
		identities.stream().filter(i -> !nativeTo(channel, i)).forEach(ordered::add);
		return ordered;
	}

	private static boolean nativeTo(String channel, Identity identity) {
		return switch (identity.kind()) {
			case EMAIL -> channel.equals("email");
			case PHONE -> channel.equals("phone") || channel.equals("sms");
			case WHATSAPP -> channel.equals("whatsapp");
			case WEB_VISITOR -> channel.equals("webchat");
			case EXTERNAL -> false;
		};
	}

	record Inbound(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_-]{0,39}",
			message = "must be a channel id: lower-case letters, digits, '-' or '_'") String channel,
			@NotBlank @Size(max = 300) String providerMessageId, @NotNull @Valid Sender sender,
			@Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String brand, @Pattern(regexp = "nl|en") String language,
			@Size(max = 300) String subject, @NotBlank @Size(max = 100_000) String text, @NotNull Instant sentAt,
			@Size(max = 20) List<@Valid AttachmentInfo> attachments) {
	}

	record Sender(@Size(max = 320) String email, @Size(max = 40) String phone, @Size(max = 40) String whatsappId,
			@Size(max = 200) String webVisitorId, @Size(max = 10) Map<String, String> externalIds,
			@Size(max = 200) String name) {
	}

	record AttachmentInfo(@NotBlank @Size(max = 255) String fileName, @NotBlank @Size(max = 120) String contentType,
			@PositiveOrZero long sizeBytes, @Size(max = 2000) String url) {
	}

	record Receipt(String conversationId, String messageId, String customerId) {
	}
}
