package nl.baken.desk;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import java.util.UUID;

import nl.baken.channel.Attachments;
import nl.baken.channel.RemoteMedia;
import nl.baken.channel.StoredAttachment;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.shared.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A customer's attachment, for those who may open its conversation; for anyone else it does not exist. */
@Controller
class AttachmentPageController {

	private final Attachments attachments;

	private final Conversations conversations;

	private final DeskAccess access;

	private final MessageSource texts;

	AttachmentPageController(Attachments attachments, Conversations conversations, DeskAccess access,
			MessageSource texts) {
		this.attachments = attachments;
		this.conversations = conversations;
		this.access = access;
		this.texts = texts;
	}

	@GetMapping(StoredAttachment.DESK_PATH + "{id}")
	ResponseEntity<byte[]> attachment(@PathVariable UUID id, Principal viewer) {
		StoredAttachment attachment = attachments.find(id).orElseThrow(() -> new NotFoundException("Attachment", id));
		try {
			access.open(viewer, attachment.conversationId());
		}
		catch (NotFoundException refused) {
			// answered as the attachment, so the refusal does not name the conversation
			throw new NotFoundException("Attachment", id);
		}
		return attachment.download();
	}

	/**
	 * A file the channel's provider still holds (WhatsApp media), fetched when first opened. Only a reference that
	 * one of this conversation's messages lists is fetched, so an agent cannot have Baken fetch any other file.
	 */
	@GetMapping("/desk/conversations/{id}/media/{scheme}/{mediaId}")
	ResponseEntity<byte[]> remote(@PathVariable UUID id, @PathVariable String scheme, @PathVariable String mediaId,
			Principal viewer, Locale locale) {
		access.open(viewer, id);
		String reference = scheme + ":" + mediaId;
		InboundMessage.Attachment listed = conversations.detail(new ConversationId(id))
			.orElseThrow(() -> new NotFoundException("Conversation", id))
			.messages()
			.stream()
			.flatMap(message -> message.attachments().stream())
			.filter(attachment -> reference.equals(attachment.url()))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Attachment", reference));
		try {
			return attachments.remote(reference, listed.fileName(), id)
				.orElseThrow(() -> new NotFoundException("Attachment", reference))
				.download();
		}
		catch (RemoteMedia.Unavailable e) {
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
				.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
				.body(texts.getMessage("conversation.mediaUnavailable", new Object[] { e.getMessage() }, locale)
					.getBytes(StandardCharsets.UTF_8));
		}
	}
}
