package nl.baken.answering;

import java.util.Objects;

/**
 * One labelled example question: {@code label} is the article or intent it should lead to, {@code language} an ISO
 * 639-1 code such as {@code nl} or {@code en} (others are analysed without stemming).
 */
public record Example(String label, String text, String language) {

	public Example {
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(text, "text");
		language = Languages.normalise(language);
	}
}
