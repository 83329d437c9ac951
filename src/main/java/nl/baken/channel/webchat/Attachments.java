package nl.baken.channel.webchat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import nl.baken.channel.CustomerFile;
import nl.baken.channel.CustomerFiles;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Files visitors attach, kept in the database (every node serves them). A file is accepted only when its type is on
 * the allow-list, it is within the size limit, and its content looks like that type (magic bytes; UTF-8 without
 * control characters for text), so a script renamed to .png is refused.
 */
class Attachments implements CustomerFiles {

	private final JdbcClient jdbc;

	private final long maxBytes;

	private final List<String> types;

	Attachments(JdbcClient jdbc, WebchatProperties.Attachments settings) {
		this.jdbc = jdbc;
		this.maxBytes = settings.maxSize().toBytes();
		this.types = settings.types().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
	}

	long maxBytes() {
		return maxBytes;
	}

	record Stored(UUID id, String fileName, String contentType, long sizeBytes) {
	}

	Stored store(String visitorId, String fileName, String declaredType, byte[] content, Instant at) {
		String type = declaredType == null ? "" : declaredType.split(";")[0].strip().toLowerCase(Locale.ROOT);
		if (!types.contains(type)) {
			throw new InvalidInputException("file", "files of type '" + type + "' are not accepted; accepted: "
					+ String.join(", ", types));
		}
		if (content.length == 0) {
			throw new InvalidInputException("file", "the file is empty");
		}
		if (content.length > maxBytes) {
			throw new InvalidInputException("file", "the file is larger than " + maxBytes + " bytes");
		}
		if (!looksLike(type, content)) {
			throw new InvalidInputException("file", "the content of the file is not " + type);
		}
		String name = safeName(fileName);
		UUID id = Ids.next();
		jdbc.sql("""
				insert into webchat_attachment (id, visitor_id, conversation_id, file_name, content_type, size_bytes,
				    content, created_at)
				values (?, ?, null, ?, ?, ?, ?, ?)""")
			.params(id, visitorId, name, type, content.length, content, Sql.utc(at))
			.update();
		return new Stored(id, name, type, content.length);
	}

	/** The visitor's own files that are not yet sent, or were sent in this conversation (a resend). */
	List<Stored> forMessage(String visitorId, List<UUID> ids) {
		return ids.stream().map(id -> jdbc.sql("""
				select id, file_name, content_type, size_bytes from webchat_attachment
				where id = ? and visitor_id = ?""")
			.params(id, visitorId)
			.query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getString("file_name"),
					rs.getString("content_type"), rs.getLong("size_bytes")))
			.optional()
			.orElseThrow(() -> new InvalidInputException("attachmentIds", "no uploaded file " + id)))
			.toList();
	}

	void link(List<UUID> ids, String visitorId, UUID conversationId) {
		for (UUID id : ids) {
			jdbc.sql("update webchat_attachment set conversation_id = ? where id = ? and visitor_id = ?"
					+ " and (conversation_id is null or conversation_id = ?)")
				.params(conversationId, id, visitorId, conversationId)
				.update();
		}
	}

	@Override
	public Optional<CustomerFile> find(UUID id) {
		return jdbc.sql("""
				select id, conversation_id, file_name, content_type, content from webchat_attachment
				where id = ? and conversation_id is not null""")
			.param(id)
			.query((rs, n) -> new CustomerFile(rs.getObject("id", UUID.class),
					rs.getObject("conversation_id", UUID.class), rs.getString("file_name"),
					rs.getString("content_type"), rs.getBytes("content")))
			.optional();
	}

	static boolean looksLike(String type, byte[] content) {
		return switch (type) {
			case "image/png" -> startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
			case "image/jpeg" -> startsWith(content, 0xFF, 0xD8, 0xFF);
			case "image/gif" -> startsWith(content, 'G', 'I', 'F', '8');
			case "image/webp" -> startsWith(content, 'R', 'I', 'F', 'F') && content.length > 12
					&& content[8] == 'W' && content[9] == 'E' && content[10] == 'B' && content[11] == 'P';
			case "application/pdf" -> startsWith(content, '%', 'P', 'D', 'F', '-');
			case "text/plain", "text/csv" -> plainText(content);
			// a type an admin allowed without a known signature: the allow-list and size are the check
			default -> true;
		};
	}

	private static boolean startsWith(byte[] content, int... magic) {
		if (content.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((content[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean plainText(byte[] content) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
			return text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
		}
		catch (CharacterCodingException e) {
			return false;
		}
	}

	/** The base name only, without path or control characters, at most 200 characters. */
	static String safeName(String fileName) {
		String name = fileName == null ? "" : fileName.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (name.isEmpty()) {
			name = "file";
		}
		return name.length() > 200 ? name.substring(name.length() - 200) : name;
	}
}
