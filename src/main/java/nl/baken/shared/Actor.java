package nl.baken.shared;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who caused a change: the customer, the bot, an agent (by id) or the system (optionally naming the integration). */
public record Actor(Kind kind, String id) {

	public enum Kind {
		CUSTOMER, BOT, AGENT, SYSTEM;

		/** The name used in the database and in JSON. */
		@JsonValue
		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public Actor {
		Objects.requireNonNull(kind, "kind");
	}

	public static Actor customer(String id) {
		return new Actor(Kind.CUSTOMER, id);
	}

	public static Actor bot() {
		return new Actor(Kind.BOT, null);
	}

	public static Actor agent(String id) {
		return new Actor(Kind.AGENT, Objects.requireNonNull(id, "agent id"));
	}

	public static Actor system(String id) {
		return new Actor(Kind.SYSTEM, id);
	}

	/** A single string for audit logs: {@code agent:anna}, {@code system:shop-integration}. */
	public String label() {
		return id == null ? kind.code() : kind.code() + ":" + id;
	}
}
