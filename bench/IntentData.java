import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes the text,label CSVs that {@code eval-intents} reads, from the public data sets in DATA (see bench/intents.sh):
 * <ul>
 * <li>banking77-train.csv, banking77-test.csv: BANKING77 as published (column category renamed label);</li>
 * <li>banking77-oos-train.csv, banking77-oos-test.csv: out-of-scope variant: of 10 intents spread over the list
 * (every 7th, starting with the 4th), the first 5 become "oos" rows in training only (known unknowns that choose
 * the threshold) and the other 5 become "oos" rows in the test only (unknowns never seen in training);</li>
 * <li>banking77-val-train.csv, banking77-val-test.csv: the training set split 80/20 (every 5th row of each intent
 * held out) — for choosing settings without touching the test set;</li>
 * <li>bitext-train.csv, bitext-test.csv: Bitext's instruction/intent, every 5th row of each intent (in file order)
 * held out: a fixed 20 % per intent.</li>
 * </ul>
 * Usage: java -cp CLASSPATH bench/IntentData.java DATA OUT
 */
public class IntentData {

	record Row(String text, String label) {
	}

	public static void main(String[] args) throws IOException {
		Path data = Path.of(args[0]);
		Path out = Path.of(args[1]);
		Files.createDirectories(out);
		List<Row> train = read(data.resolve("banking77/train.csv"), "text", "category");
		List<Row> test = read(data.resolve("banking77/test.csv"), "text", "category");
		write(out.resolve("banking77-train.csv"), train);
		write(out.resolve("banking77-test.csv"), test);

		List<String> intents = train.stream().map(Row::label).distinct().toList();
		List<String> held = new ArrayList<>();
		for (int i = 3; i < intents.size() && held.size() < 10; i += 7) {
			held.add(intents.get(i));
		}
		List<String> knownUnknown = held.subList(0, 5);
		List<String> unknown = held.subList(5, 10);
		List<Row> oosTrain = new ArrayList<>();
		for (Row row : train) {
			if (knownUnknown.contains(row.label())) {
				oosTrain.add(new Row(row.text(), "oos"));
			}
			else if (!unknown.contains(row.label())) {
				oosTrain.add(row);
			}
		}
		List<Row> oosTest = new ArrayList<>();
		for (Row row : test) {
			if (unknown.contains(row.label())) {
				oosTest.add(new Row(row.text(), "oos"));
			}
			else if (!knownUnknown.contains(row.label())) {
				oosTest.add(row);
			}
		}
		write(out.resolve("banking77-oos-train.csv"), oosTrain);
		write(out.resolve("banking77-oos-test.csv"), oosTest);
		System.err.println("out of scope in training: " + knownUnknown + "; in the test only: " + unknown);

		split(train, out.resolve("banking77-val-train.csv"), out.resolve("banking77-val-test.csv"));
		split(read(data.resolve("bitext/Bitext_Sample_Customer_Support_Training_Dataset.csv"), "instruction",
				"intent"), out.resolve("bitext-train.csv"), out.resolve("bitext-test.csv"));
	}

	static void split(List<Row> rows, Path train, Path test) throws IOException {
		Map<String, Integer> seen = new LinkedHashMap<>();
		List<Row> kept = new ArrayList<>();
		List<Row> heldOut = new ArrayList<>();
		for (Row row : rows) {
			int n = seen.merge(row.label(), 1, Integer::sum);
			(n % 5 == 0 ? heldOut : kept).add(row);
		}
		write(train, kept);
		write(test, heldOut);
	}

	static List<Row> read(Path file, String text, String label) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			List<Row> rows = new ArrayList<>();
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
				.parse(reader)) {
				rows.add(new Row(record.get(text).strip(), record.get(label).strip()));
			}
			return rows;
		}
	}

	static void write(Path file, List<Row> rows) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = CSVFormat.RFC4180.builder().setHeader("text", "label").get().print(writer)) {
			for (Row row : rows) {
				printer.printRecord(row.text(), row.label());
			}
		}
	}
}
