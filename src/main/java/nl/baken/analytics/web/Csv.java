package nl.baken.analytics.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The analytics pages' tables as spreadsheets: RFC 4180, UTF-8, and safe to open in a spreadsheet program. */
final class Csv {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private Csv() {
	}

	/** Quoted when needed (RFC 4180); a leading formula character is defused so spreadsheets show it as text. */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		boolean quote = text.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\r' || ch == '\n');
		return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
	}

	/** A number as a spreadsheet reads it: a point for decimals, empty when there is none. */
	static String number(Double value) {
		return value == null ? "" : String.format(Locale.ROOT, "%.4f", value).replaceAll("\\.?0+$", "");
	}

	/**
	 * A download of these rows under this header. Only text cells are defused: numbers are written by
	 * {@link #number} and a negative difference must stay a number.
	 */
	static ResponseEntity<String> download(String filename, List<String> header, List<List<String>> rows) {
		StringBuilder csv = new StringBuilder(String.join(",", header)).append("\r\n");
		rows.forEach(row -> csv.append(String.join(",", row)).append("\r\n"));
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
			.body(csv.toString());
	}
}
