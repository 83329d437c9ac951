package nl.baken.channel;

import java.util.Optional;
import java.util.UUID;

import nl.baken.channel.internal.AttachmentStore;
import org.springframework.stereotype.Service;

/** Files customers sent, for the API and the desk to serve to those who may see their conversation. */
@Service
public class Attachments {

	private final AttachmentStore store;

	Attachments(AttachmentStore store) {
		this.store = store;
	}

	/** The attachment, once its message is stored in a conversation. */
	public Optional<StoredAttachment> find(UUID id) {
		return store.content(id);
	}
}
