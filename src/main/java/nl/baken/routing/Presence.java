package nl.baken.routing;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import nl.baken.shared.InvalidInputException;

/** Whether an agent takes routed work: only {@code available} agents are routed to. */
public enum Presence {

	AVAILABLE, BUSY, AWAY, OFFLINE;

	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static Presence fromCode(String code) {
		return Arrays.stream(values())
			.filter(p -> p.code().equals(code == null ? "" : code.strip().toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("presence",
					"presence is one of available, busy, away, offline; not '" + code + "'"));
	}
}
