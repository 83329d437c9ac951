package nl.baken.proactive;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of thing went wrong; comparable past incidents are those of the same kind (and brand). */
public enum IncidentKind {

	DELIVERY_DELAY, OUTAGE, RECALL, OTHER;

	/** The name used in the database and in JSON. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<IncidentKind> fromCode(String code) {
		return code == null ? Optional.empty()
				: Arrays.stream(values()).filter(k -> k.code().equals(code.strip().toLowerCase(Locale.ROOT))).findFirst();
	}
}
