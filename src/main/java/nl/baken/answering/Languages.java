package nl.baken.answering;

import java.util.Locale;

/** The question languages the matcher analyses with their own stemming; anything else gets plain tokenising. */
final class Languages {

	static final String ENGLISH = "en";

	static final String DUTCH = "nl";

	private Languages() {
	}

	/** {@code "NL"}, {@code "nl-BE"} → {@code nl}; blank → {@code en}, the language of the bundled embedding model. */
	static String normalise(String language) {
		if (language == null || language.isBlank()) {
			return ENGLISH;
		}
		String code = language.strip().toLowerCase(Locale.ROOT);
		int dash = code.indexOf('-') >= 0 ? code.indexOf('-') : code.indexOf('_');
		return dash > 0 ? code.substring(0, dash) : code;
	}
}
