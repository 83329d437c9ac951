package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code eval-intents} on the small webshop CSVs in src/test/resources/intents, through the jar's command entry. */
class EvalIntentsCommandTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	int run(String... args) {
		return Commands.run(Commands.named("eval-intents").orElseThrow(), args,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	static String resource(String name) throws Exception {
		return Path.of(EvalIntentsCommandTests.class.getResource("/intents/" + name).toURI()).toString();
	}

	JsonNode json() {
		String text = out.toString(StandardCharsets.UTF_8);
		assertThat(text.lines()).hasSize(1);
		return JsonMapper.builder().build().readTree(text);
	}

	@Test
	void printsOneJsonLineWithAccuracyOutOfScopeCoverageAndLatency() throws Exception {
		assertThat(run("--train", resource("webshop-en-train.csv"), "--test", resource("webshop-en-test.csv"),
				"--oos-label", "oos"))
			.as(err.toString(StandardCharsets.UTF_8))
			.isZero();
		JsonNode figures = json();
		assertThat(figures.get("trainExamples").asInt()).isEqualTo(38);
		assertThat(figures.get("trainOutOfScope").asInt()).isEqualTo(3);
		assertThat(figures.get("labels").asInt()).isEqualTo(6);
		assertThat(figures.get("testQuestions").asInt()).isEqualTo(16);
		assertThat(figures.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.85);
		assertThat(figures.get("macroF1").asDouble()).isGreaterThanOrEqualTo(0.8);
		assertThat(figures.get("oosThresholdFrom").asString()).isEqualTo("training folds");
		assertThat(figures.get("oosPrecision").asDouble()).isBetween(0.0, 1.0);
		assertThat(figures.get("oosRecall").asDouble()).isBetween(0.0, 1.0);
		assertThat(figures.get("coverage").asDouble()).isBetween(0.5, 1.0);
		assertThat(figures.get("tradeOff")).hasSize(10);
		assertThat(figures.get("tradeOff").get(0).has("oosAnswered")).isTrue();
		assertThat(figures.get("trainSeconds").asDouble()).isPositive();
		assertThat(figures.get("trainCpuSeconds").asDouble()).isPositive();
		assertThat(figures.get("latencyCpuMsP99").asDouble()).isPositive();
		assertThat(figures.get("latencyMsP99").asDouble())
			.isGreaterThanOrEqualTo(figures.get("latencyMsP50").asDouble())
			.isPositive();
	}

	@Test
	void shotsLanguageAndScorersAreHonoured() throws Exception {
		assertThat(run("--train", resource("webshop-nl-train.csv"), "--test", resource("webshop-nl-test.csv"),
				"--shots", "2", "--language", "nl", "--scorers", "lexical,classifier", "--embedding-model", "none"))
			.as(err.toString(StandardCharsets.UTF_8))
			.isZero();
		JsonNode figures = json();
		assertThat(figures.get("trainExamples").asInt()).isEqualTo(12);
		assertThat(figures.get("embeddingModel").asString()).isEqualTo("none");
		assertThat(figures.get("scorers").asString()).contains("semantic 0.0");
		assertThat(figures.get("oosThresholdFrom").asString()).isEqualTo("training folds");
	}

	@Test
	void withoutOutOfScopeRowsThereAreNoOutOfScopeFigures(@TempDir Path dir) throws Exception {
		Path test = dir.resolve("test.csv");
		Files.writeString(test, "label,text\norder_status,\"Where's my parcel, please?\"\n");
		assertThat(run("--train", resource("webshop-en-train.csv"), "--test", test.toString(), "--oos-label",
				"none-here"))
			.isZero();
		JsonNode figures = json();
		assertThat(figures.has("oosPrecision")).isFalse();
		assertThat(figures.get("accuracy").asDouble()).isEqualTo(1.0);
		assertThat(figures.get("labels").asInt()).isEqualTo(7);
	}

	@Test
	void badArgumentsAndFilesExitWithTwoAndSayWhy(@TempDir Path dir) throws Exception {
		Path wrongHeader = dir.resolve("banking.csv");
		Files.writeString(wrongHeader, "text,category\nHow do I locate my card?,card_arrival\n");
		assertThat(run("--train", wrongHeader.toString(), "--test", resource("webshop-en-test.csv"))).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--train").contains("text and label");
		err.reset();
		assertThat(run("--train", resource("webshop-en-train.csv"))).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--test is required").contains("usage:");
		err.reset();
		assertThat(run("--train", resource("webshop-en-train.csv"), "--test", dir.resolve("nope.csv").toString()))
			.isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
		err.reset();
		assertThat(run("--train", resource("webshop-en-train.csv"), "--test", resource("webshop-en-test.csv"),
				"--shots", "0"))
			.isEqualTo(2);
		assertThat(run("--train", resource("webshop-en-train.csv"), "--test", resource("webshop-en-test.csv"),
				"--scorers", "magic"))
			.isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("magic");
		assertThat(out.size()).isZero();
	}
}
