package nl.baken.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import nl.baken.shared.InvalidInputException;

/** Position after the last conversation of a page (newest first); opaque to API clients. */
public record PageCursor(Instant createdAt, UUID id) {

	public String encode() {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
	}

	public static PageCursor decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
			return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
		}
		catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
			throw new InvalidInputException("cursor", "the cursor is not one this API handed out");
		}
	}
}
