package nl.baken.channel.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.channel.StoredAttachment;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code channel_attachment} table. An attachment is keyed by its message's provider id and its place in it, so a
 * message fetched again reuses the attachments (and links) stored the first time.
 */
@Repository
public class AttachmentStore {

	private final JdbcClient jdbc;

	AttachmentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Part(UUID id, String fileName, String contentType, long sizeBytes) {
	}

	/** Inserts the part unless this message's part was stored before; returns the stored part either way. */
	public Part store(String channel, String providerMessageId, int index, String fileName, String contentType,
			byte[] content, Instant at) {
		Optional<Part> earlier = stored(channel, providerMessageId, index);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("""
					insert into channel_attachment (id, channel, provider_message_id, part_index, file_name,
					                                content_type, size_bytes, content, created_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, channel, providerMessageId, index, fileName, contentType, content.length, content,
						Sql.utc(at))
				.update();
			return new Part(id, fileName, contentType, content.length);
		}
		catch (org.springframework.dao.DuplicateKeyException e) {
			// another node stored the same part in the meantime
			return stored(channel, providerMessageId, index).orElseThrow(() -> e);
		}
	}

	/** A part stored before, such as a provider's file fetched when an agent first opened it. */
	public Optional<Part> stored(String channel, String providerMessageId, int index) {
		return jdbc.sql("""
				select id, file_name, content_type, size_bytes from channel_attachment
				where channel = ? and provider_message_id = ? and part_index = ?""")
			.params(channel, providerMessageId, index)
			.query((rs, row) -> new Part(rs.getObject("id", UUID.class), rs.getString("file_name"),
					rs.getString("content_type"), rs.getLong("size_bytes")))
			.optional();
	}

	/** Makes the attachments visible to those who may see the conversation the message was stored in. */
	public void attach(List<UUID> ids, UUID conversationId) {
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql("update channel_attachment set conversation_id = :conversation where id in (:ids)")
			.param("conversation", conversationId)
			.param("ids", ids)
			.update();
	}

	public Optional<StoredAttachment> content(UUID id) {
		return jdbc.sql("""
				select id, conversation_id, file_name, content_type, content from channel_attachment
				where id = ? and conversation_id is not null""")
			.param(id)
			.query((rs, row) -> new StoredAttachment(rs.getObject("id", UUID.class),
					rs.getObject("conversation_id", UUID.class), rs.getString("file_name"),
					rs.getString("content_type"), rs.getBytes("content")))
			.optional();
	}
}
