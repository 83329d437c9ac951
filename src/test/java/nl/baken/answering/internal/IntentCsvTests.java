package nl.baken.answering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.baken.shared.InvalidInputException;

/** The CSV reader of eval-intents: quoting per RFC 4180, header checks and the first-K-per-label selection. */
class IntentCsvTests {

	private static final String ALPHABET = "abc xyz,\"'\n\r;é€ß \t日本0123?!";

	/** Random texts full of commas, quotes and line breaks, written as any RFC 4180 writer would, read back. */
	@RepeatedTest(20)
	void randomTextsSurviveQuotingAndComeBackInOrder() {
		Random random = new Random(System.nanoTime());
		List<IntentCsv.Row> rows = new ArrayList<>();
		StringBuilder csv = new StringBuilder(random.nextBoolean() ? "label,text,extra\r\n" : "text,label\n");
		boolean labelFirst = csv.charAt(0) == 'l';
		for (int n = random.nextInt(30) + 1; n > 0; n--) {
			String text = randomText(random);
			String label = "intent_" + random.nextInt(5) + (random.nextBoolean() ? ",x" : "");
			rows.add(new IntentCsv.Row(text.strip(), label));
			csv.append(labelFirst ? quote(label) + ',' + quote(text) + ",ignored" : quote(text) + ',' + quote(label))
				.append(random.nextBoolean() ? "\r\n" : "\n");
		}
		assertThat(IntentCsv.parse(new StringReader(csv.toString()), "--train")).containsExactlyElementsOf(rows);
	}

	@Test
	void bankingStyleRowsWithQuotesAndCommasAreRead(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("train.csv");
		Files.writeString(file, "\uFEFFtext,label\n"
				+ "\"I still have not received my new card, I ordered over a week ago.\",card_arrival\n"
				+ "\"My \"\"pending\"\" payment, why?\",pending_card_payment\n\n", StandardCharsets.UTF_8);
		assertThat(IntentCsv.read(file, "--train")).containsExactly(
				new IntentCsv.Row("I still have not received my new card, I ordered over a week ago.", "card_arrival"),
				new IntentCsv.Row("My \"pending\" payment, why?", "pending_card_payment"));
	}

	@Test
	void badFilesAreRefusedWithTheOptionAndLine(@TempDir Path dir) throws Exception {
		assertThatThrownBy(() -> IntentCsv.parse(new StringReader("text,category\na,b\n"), "--test"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("--test")
			.hasMessageContaining("text and label")
			.hasMessageContaining("text,category");
		assertThatThrownBy(() -> IntentCsv.parse(new StringReader("text,label\nhello,greeting\nlonely\n"), "--train"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("line 3");
		assertThatThrownBy(() -> IntentCsv.parse(new StringReader("text,label\n\"open quote,x\n"), "--train"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("--train");
		assertThatThrownBy(() -> IntentCsv.parse(new StringReader("text,label\n ,x\n"), "--train"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("empty text");
		assertThatThrownBy(() -> IntentCsv.read(dir.resolve("missing.csv"), "--train"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("no such file");
		Path latin1 = dir.resolve("latin1.csv");
		Files.write(latin1, new byte[] { 't', 'e', 'x', 't', ',', 'l', 'a', 'b', 'e', 'l', '\n', (byte) 0xE9, ',', 'x' });
		assertThatThrownBy(() -> IntentCsv.read(latin1, "--train")).hasMessageContaining("not UTF-8");
	}

	@RepeatedTest(10)
	void shotsKeepTheFirstRowsOfEachLabelInFileOrder() {
		Random random = new Random(System.nanoTime());
		List<IntentCsv.Row> rows = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			rows.add(new IntentCsv.Row("q" + i, "l" + random.nextInt(7)));
		}
		int shots = random.nextInt(5) + 1;
		List<IntentCsv.Row> kept = IntentCsv.firstPerLabel(rows, shots);
		List<IntentCsv.Row> expected = new ArrayList<>();
		for (IntentCsv.Row row : rows) {
			if (expected.stream().filter(r -> r.label().equals(row.label())).count() < shots) {
				expected.add(row);
			}
		}
		assertThat(kept).containsExactlyElementsOf(expected);
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		text.append((char) ('A' + random.nextInt(26)));
		for (int n = random.nextInt(40); n > 0; n--) {
			text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return text.append('.').toString();
	}

	private static String quote(String field) {
		boolean needs = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
				|| !field.equals(field.strip());
		return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
	}
}
