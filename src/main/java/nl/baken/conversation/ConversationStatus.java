package nl.baken.conversation;

import java.util.Locale;

public enum ConversationStatus {

	BOT, QUEUED, ASSIGNED, WAITING_FOR_CUSTOMER, RESOLVED, CLOSED;

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
