package nl.baken.channel;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A file a customer sent on a channel, with the conversation it belongs to: whoever serves it checks that the viewer
 * may see that conversation.
 */
public record StoredAttachment(UUID id, UUID conversationId, String fileName, String contentType, byte[] content) {

	/** Where the API serves it (the URL stored with the message); the desk serves it under {@link #DESK_PATH}. */
	public static final String API_PATH = "/api/v1/attachments/";

	public static final String DESK_PATH = "/desk/attachments/";

	/**
	 * The file as a response: always a download, never shown inline, and the browser may not guess another type, so
	 * a customer's file cannot run as a page of Baken.
	 */
	public ResponseEntity<byte[]> download() {
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (IllegalArgumentException e) {
			type = MediaType.APPLICATION_OCTET_STREAM;
		}
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "sandbox")
			.body(content);
	}
}
