package nl.baken.knowledge;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import nl.baken.shared.InvalidInputException;

/** What a step of a guided flow is: a question with options, or one of the three ways a flow ends. */
public enum StepKind {

	QUESTION, ANSWER, ACTION, HANDOFF;

	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean isEnd() {
		return this != QUESTION;
	}

	@JsonCreator
	public static StepKind fromCode(String code) {
		return Arrays.stream(values())
			.filter(k -> k.code().equals(code == null ? "" : code.trim().toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("kind",
					"a step is 'question', 'answer', 'action' or 'handoff', not '" + code + "'"));
	}
}
