package nl.baken.channel.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the sender wrote now, without the history their mail client quoted below it: cut at "On … wrote:",
 * "Op … schreef …:", an Outlook "-----Original Message-----" line or "From:/Van:" header block, and without lines
 * quoted with {@code >}. The history itself is kept elsewhere; this is only for display.
 */
final class QuoteStripper {

	private static final Pattern ATTRIBUTION = Pattern.compile(
			"(?i)^\\s*(on\\s.{1,300}\\swrote|op\\s.{1,300}\\s(schreef|geschreven)[^:]{0,200}|am\\s.{1,300}\\sschrieb)\\s*:\\s*$");

	private static final Pattern SEPARATOR = Pattern.compile(
			"(?i)^\\s*-{2,}\\s*(original message|oorspronkelijk bericht|origineel bericht|forwarded message|doorgestuurd bericht)\\s*-{2,}.*$");

	private static final Pattern HEADER_FROM = Pattern.compile("(?i)^\\s*\\*?(from|van)\\s*:\\*?\\s+\\S.*$");

	private static final Pattern HEADER_NEXT = Pattern
		.compile("(?i)^\\s*\\*?(sent|verzonden|date|datum|to|aan|subject|onderwerp|cc)\\s*:.*$");

	private static final int MAX_LINES = 20_000;

	private QuoteStripper() {
	}

	static String strip(String text) {
		if (text == null || text.isBlank()) {
			return text == null ? "" : text.strip();
		}
		String[] lines = text.split("\\R", MAX_LINES + 1);
		List<String> kept = new ArrayList<>();
		for (int i = 0; i < lines.length && i < MAX_LINES; i++) {
			String line = lines[i];
			if (cutsHere(lines, i)) {
				break;
			}
			if (line.stripLeading().startsWith(">")) {
				continue;
			}
			kept.add(line);
		}
		String stripped = String.join("\n", kept).strip();
		// a mail that is nothing but a quote (or a forward) shows whole rather than empty
		return stripped.isEmpty() ? text.strip() : stripped;
	}

	private static boolean cutsHere(String[] lines, int i) {
		String line = lines[i];
		if (line.length() > 1000) {
			return false;
		}
		if (SEPARATOR.matcher(line).matches() || ATTRIBUTION.matcher(line).matches()) {
			return true;
		}
		// an attribution that the client wrapped over two lines
		if (i + 1 < lines.length && lines[i + 1].length() < 500 && line.stripLeading().matches("(?i)^(on|op)\\s.*")
				&& ATTRIBUTION.matcher(line + " " + lines[i + 1].strip()).matches()) {
			return true;
		}
		if (HEADER_FROM.matcher(line).matches()) {
			for (int next = i + 1; next < lines.length && next <= i + 3; next++) {
				if (lines[next].length() < 1000 && HEADER_NEXT.matcher(lines[next]).matches()) {
					return true;
				}
			}
		}
		return false;
	}
}
