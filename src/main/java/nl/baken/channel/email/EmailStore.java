package nl.baken.channel.email;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.shared.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The e-mail channel's tables: known Message-IDs with their conversation, reply tokens, and the mailbox lease. */
@Repository
class EmailStore {

	private static final String TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final JdbcClient jdbc;

	private final SecureRandom random = new SecureRandom();

	EmailStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Remembers a Message-ID; false when it was known already (the same mail again). Looks before it inserts, so that
	 * inside a transaction the usual repeat does not abort it (PostgreSQL would); a race between two nodes fails one
	 * transaction on the key, and that mail is handled again on the next fetch.
	 */
	boolean remember(String messageId, UUID conversationId, String kind, String originalText, Instant at) {
		if (known(messageId)) {
			return false;
		}
		jdbc.sql("""
				insert into email_message (message_id, conversation_id, kind, original_text, created_at)
				values (?, ?, ?, ?, ?)""")
			.params(messageId, conversationId, kind, originalText, Sql.utc(at))
			.update();
		return true;
	}

	boolean known(String messageId) {
		return jdbc.sql("select count(*) from email_message where message_id = ?")
			.param(messageId)
			.query(Long.class)
			.single() > 0;
	}

	/** The conversation of the first of these Message-IDs that Baken knows. */
	Optional<UUID> conversationOf(List<String> messageIds) {
		for (String id : messageIds) {
			Optional<UUID> found = jdbc.sql("""
					select conversation_id from email_message where message_id = ? and conversation_id is not null""")
				.param(id)
				.query(UUID.class)
				.optional();
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	Optional<String> originalText(String messageId) {
		return jdbc.sql("select original_text from email_message where message_id = ?")
			.param(messageId)
			.query(String.class)
			.optional();
	}

	Optional<UUID> conversationOfToken(String token) {
		return jdbc.sql("select conversation_id from email_reply_token where token = ?")
			.param(token)
			.query(UUID.class)
			.optional();
	}

	/** The conversation's reply token, made on its first mail; two nodes making one at once agree on the first. */
	String tokenOf(UUID conversationId, Instant at) {
		Optional<String> existing = existingToken(conversationId);
		if (existing.isPresent()) {
			return existing.get();
		}
		StringBuilder token = new StringBuilder(8);
		for (int i = 0; i < 8; i++) {
			token.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
		}
		try {
			jdbc.sql("insert into email_reply_token (token, conversation_id, created_at) values (?, ?, ?)")
				.params(token.toString(), conversationId, Sql.utc(at))
				.update();
			return token.toString();
		}
		catch (DuplicateKeyException e) {
			return existingToken(conversationId).orElseGet(() -> tokenOf(conversationId, at));
		}
	}

	private Optional<String> existingToken(UUID conversationId) {
		return jdbc.sql("select token from email_reply_token where conversation_id = ?")
			.param(conversationId)
			.query(String.class)
			.optional();
	}

	/** Takes the mailbox for one fetch; false while another node's lease runs. */
	boolean lease(String mailbox, String node, Instant now, Instant until) {
		try {
			jdbc.sql("insert into email_mailbox (mailbox, fetched) values (?, 0)").param(mailbox).update();
		}
		catch (DuplicateKeyException e) {
			// it exists already: the usual case
		}
		return jdbc.sql("""
				update email_mailbox set leased_by = ?, leased_until = ?
				where mailbox = ? and (leased_until is null or leased_until < ? or leased_by = ?)""")
			.params(node, Sql.utc(until), mailbox, Sql.utc(now), node)
			.update() == 1;
	}

	/** Ends this node's fetch: the lease is free again; an error (no secrets in it) stays until the next one. */
	void fetched(String mailbox, String node, int count, String error, Instant at) {
		jdbc.sql("""
				update email_mailbox set leased_by = null, leased_until = null, last_fetch_at = ?, fetched = fetched + ?
				where mailbox = ? and leased_by = ?""")
			.params(Sql.utc(at), count, mailbox, node)
			.update();
		if (error != null) {
			jdbc.sql("update email_mailbox set last_error = ?, last_error_at = ? where mailbox = ?")
				.params(error.length() > 1000 ? error.substring(0, 1000) : error, Sql.utc(at), mailbox)
				.update();
		}
	}

	record MailboxStatus(String mailbox, Instant lastFetchAt, long fetched, String lastError, Instant lastErrorAt) {
	}

	Optional<MailboxStatus> status(String mailbox) {
		return jdbc.sql("select * from email_mailbox where mailbox = ?")
			.param(mailbox)
			.query((rs, row) -> new MailboxStatus(rs.getString("mailbox"), Sql.instant(rs, "last_fetch_at"),
					rs.getLong("fetched"), rs.getString("last_error"), Sql.instant(rs, "last_error_at")))
			.optional();
	}
}
