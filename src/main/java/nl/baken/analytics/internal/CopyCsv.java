package nl.baken.analytics.internal;

/** Fields for PostgreSQL's {@code COPY ... (format csv)}, where an unquoted empty field is NULL. */
public final class CopyCsv {

	private CopyCsv() {
	}

	/** The value quoted, with quotes doubled; nothing for null. */
	public static void quoted(StringBuilder line, String value) {
		if (value == null) {
			return;
		}
		line.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			line.append(c);
			if (c == '"') {
				line.append('"');
			}
		}
		line.append('"');
	}
}
