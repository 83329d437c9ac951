package nl.baken.conversation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ConversationStatus {

	BOT, QUEUED, ASSIGNED, WAITING_FOR_CUSTOMER, RESOLVED, CLOSED;

	/** The name used in the database and in JSON. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ConversationStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	public boolean isOpen() {
		return this != RESOLVED && this != CLOSED;
	}
}
