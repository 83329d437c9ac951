package nl.baken.channel;

import java.util.Optional;
import java.util.UUID;

/**
 * Files customers sent, kept by the channel that received them. A message's attachment links to
 * {@code /desk/files/{id}}; the desk serves the file to those who may open its conversation.
 */
public interface CustomerFiles {

	String DESK_PATH = "/desk/files/";

	/** The file, once it belongs to a conversation; files not (yet) sent with a message are not found. */
	Optional<CustomerFile> find(UUID id);
}
