package nl.baken.access;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a person does in Baken; what each role may do is checked where it acts. */
public enum Role {

	AGENT, TEAM_LEAD, KNOWLEDGE_EDITOR, PLANNER, ADMIN;

	/** The name used in the database and in JSON. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String authority() {
		return "ROLE_" + name();
	}

	public static Role fromCode(String code) {
		return valueOf(code.trim().toUpperCase(Locale.ROOT));
	}
}
