package nl.baken.routing;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import nl.baken.shared.InvalidInputException;

/** How one attempt to call a customer back ended. */
public enum CallbackOutcome {

	CONNECTED, NO_ANSWER, VOICEMAIL, WRONG_NUMBER;

	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static CallbackOutcome fromCode(String code) {
		return Arrays.stream(values())
			.filter(o -> o.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("outcome",
					"outcome is connected, no_answer, voicemail or wrong_number; not '" + code + "'"));
	}
}
