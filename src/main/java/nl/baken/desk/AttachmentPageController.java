package nl.baken.desk;

import java.security.Principal;
import java.util.UUID;

import nl.baken.channel.Attachments;
import nl.baken.channel.StoredAttachment;
import nl.baken.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A customer's attachment, for those who may open its conversation; for anyone else it does not exist. */
@Controller
class AttachmentPageController {

	private final Attachments attachments;

	private final DeskAccess access;

	AttachmentPageController(Attachments attachments, DeskAccess access) {
		this.attachments = attachments;
		this.access = access;
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
}
