package nl.baken.knowledge;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import nl.baken.shared.InvalidInputException;

/** Who may read an article: everyone (help center), agents only, or nobody yet. */
public enum Visibility {

	PUBLIC, INTERNAL, DRAFT;

	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static Visibility fromCode(String code) {
		return Arrays.stream(values())
			.filter(v -> v.code().equals(code == null ? "" : code.trim().toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("visibility",
					"visibility is 'public', 'internal' or 'draft', not '" + code + "'"));
	}
}
