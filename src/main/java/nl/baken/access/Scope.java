package nl.baken.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an API token may do. Controllers name the scope they need with
 * {@code @RequiresScope(Scope.X)}.
 */
public enum Scope {

	INBOUND_WRITE("inbound:write"),
	CUSTOMERS_READ("customers:read"),
	CUSTOMERS_WRITE("customers:write"),
	CONVERSATIONS_READ("conversations:read"),
	CONVERSATIONS_WRITE("conversations:write"),
	PLANNING("planning"),
	ANALYTICS_READ("analytics:read"),
	ADMIN("admin"),
	KNOWLEDGE_READ("knowledge:read"),
	KNOWLEDGE_WRITE("knowledge:write"),
	ROUTING("routing"),
	CALLBACKS_WRITE("callbacks:write"),
	TELEPHONY_WRITE("telephony:write"),
	RULES_WRITE("rules:write"),
	EVENTS_WRITE("events:write"),
	INCIDENTS_READ("incidents:read"),
	INCIDENTS_WRITE("incidents:write");

	private final String code;

	Scope(String code) {
		this.code = code;
	}

	/** The name used in the database and in JSON. */
	@JsonValue
	public String code() {
		return code;
	}

	public String authority() {
		return "SCOPE_" + code;
	}

	public static Optional<Scope> fromCode(String code) {
		String wanted = code.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter(scope -> scope.code.equals(wanted)).findFirst();
	}
}
