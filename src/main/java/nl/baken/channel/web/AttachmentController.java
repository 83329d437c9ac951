package nl.baken.channel.web;

import java.util.UUID;

import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.channel.Attachments;
import nl.baken.channel.StoredAttachment;
import nl.baken.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/attachments/{id}}: a file a customer sent, for tokens that may read conversations. */
@RestController
class AttachmentController {

	private final Attachments attachments;

	AttachmentController(Attachments attachments) {
		this.attachments = attachments;
	}

	@GetMapping(StoredAttachment.API_PATH + "{id}")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	ResponseEntity<byte[]> attachment(@PathVariable UUID id) {
		StoredAttachment attachment = attachments.find(id).orElseThrow(() -> new NotFoundException("Attachment", id));
		return attachment.download();
	}
}
