package nl.baken.proactive.notice;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders in template texts. Filling is one pass over the template: a value is data, so braces
 * or markup in it are never read as placeholders or formatting (the channel escapes the text for HTML, as the e-mail
 * adapter does); control characters are dropped, and line breaks too where the place allows none.
 */
final class Placeholders {

	static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,39})\\s*}}");

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]");

	private Placeholders() {
	}

	/** A text uses a placeholder that has no value. */
	static final class MissingValue extends Exception {

		private final String placeholder;

		MissingValue(String placeholder) {
			super("no value for {{" + placeholder + "}}", null, false, false);
			this.placeholder = placeholder;
		}

		String placeholder() {
			return placeholder;
		}
	}

	/**
	 * The placeholders {@code text} uses, in order; null when the text holds a broken one ({@code {{} without its
	 * {@code }}}, or a name that is not letters, digits and '_').
	 */
	static Set<String> used(String text) {
		Set<String> names = new LinkedHashSet<>();
		if (text == null) {
			return names;
		}
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		String rest = TOKEN.matcher(text).replaceAll("");
		return rest.contains("{{") || rest.contains("}}") ? null : names;
	}

	/** The text with each placeholder replaced by its value; {@code oneLine} turns line breaks in values into spaces. */
	static String fill(String text, Map<String, String> values, boolean oneLine) throws MissingValue {
		if (text == null) {
			return null;
		}
		Matcher matcher = TOKEN.matcher(text);
		StringBuilder out = new StringBuilder(text.length() + 64);
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new MissingValue(matcher.group(1));
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(clean(value, oneLine)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	static String clean(String value, boolean oneLine) {
		String text = CONTROL.matcher(value.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
		// WhatsApp template parameters and mail subjects take no line breaks (nor, for WhatsApp, runs of spaces)
		return oneLine ? text.replace('\n', ' ').replaceAll(" {4,}", "   ").strip() : text;
	}
}
