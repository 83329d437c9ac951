package nl.baken.answering.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import nl.baken.shared.InvalidInputException;

/**
 * Reads labelled questions from a UTF-8 CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks)
 * whose header has a {@code text} and a {@code label} column, in any order, other columns ignored.
 */
public final class IntentCsv {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreSurroundingSpaces(false)
		.get();

	private IntentCsv() {
	}

	/** A labelled question. */
	public record Row(String text, String label) {
	}

	/** @param option the command-line option naming the file, for messages */
	public static List<Row> read(Path file, String option) {
		String content;
		try {
			content = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
				.toString();
		}
		catch (NoSuchFileException e) {
			throw new InvalidInputException(option, option + ": no such file " + file);
		}
		catch (CharacterCodingException e) {
			throw new InvalidInputException(option, option + ": " + file + " is not UTF-8 text");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return parse(new java.io.StringReader(content.startsWith("\uFEFF") ? content.substring(1) : content), option);
	}

	public static List<Row> parse(Reader reader, String option) {
		try (CSVParser parser = CSVParser.parse(reader, FORMAT)) {
			Map<String, Integer> header = parser.getHeaderMap();
			if (header == null || !header.containsKey("text") || !header.containsKey("label")) {
				throw new InvalidInputException(option, option + ": the CSV header needs the columns text and label, "
						+ "found " + (header == null ? "none" : String.join(",", parser.getHeaderNames())));
			}
			List<Row> rows = new ArrayList<>();
			for (CSVRecord record : parser) {
				if (record.size() == 1 && record.get(0).isBlank()) {
					continue;
				}
				if (!record.isSet("text") || !record.isSet("label")) {
					throw new InvalidInputException(option,
							option + ": line " + parser.getCurrentLineNumber() + " has fewer fields than the header");
				}
				String text = record.get("text").strip();
				String label = record.get("label").strip();
				if (text.isEmpty() || label.isEmpty()) {
					throw new InvalidInputException(option,
							option + ": line " + parser.getCurrentLineNumber() + " has an empty text or label");
				}
				rows.add(new Row(text, label));
			}
			return rows;
		}
		catch (IOException | UncheckedIOException | IllegalStateException e) {
			throw new InvalidInputException(option, option + ": not a valid CSV file: " + e.getMessage());
		}
		catch (IllegalArgumentException e) {
			// commons-csv refuses e.g. duplicate header names this way
			throw new InvalidInputException(option, option + ": not a valid CSV header: " + e.getMessage());
		}
	}

	/** The first {@code shots} rows of each label, in file order. */
	public static List<Row> firstPerLabel(List<Row> rows, int shots) {
		Map<String, Integer> taken = new HashMap<>();
		List<Row> kept = new ArrayList<>();
		for (Row row : rows) {
			if (taken.merge(row.label(), 1, Integer::sum) <= shots) {
				kept.add(row);
			}
		}
		return kept;
	}
}
