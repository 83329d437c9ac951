package nl.baken.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import nl.baken.answering.internal.IntentCsv;
import nl.baken.shared.InvalidInputException;

/** The matcher on a small English webshop set with the bundled ONNX embedding model. */
class QuestionMatcherTests {

	static SentenceEncoder encoder;

	static QuestionMatcher matcher;

	@BeforeAll
	static void train() throws Exception {
		encoder = SentenceEncoder.bundled();
		matcher = QuestionMatcher.train(examples("webshop-en-train.csv", "en", false), encoder, Thresholds.DEFAULT);
	}

	static List<Example> examples(String file, String language, boolean outOfScope) throws Exception {
		return IntentCsv.read(Path.of(QuestionMatcherTests.class.getResource("/intents/" + file).toURI()), file)
			.stream()
			.filter(row -> row.label().equals("oos") == outOfScope)
			.map(row -> new Example(row.label(), row.text(), language))
			.toList();
	}

	@Test
	void paraphrasesFindTheirIntentAndConfidentOnesAreAnswered() throws Exception {
		List<Example> test = examples("webshop-en-test.csv", "en", false);
		int right = 0;
		for (Example question : test) {
			Answer answer = matcher.answer(question.text(), "en");
			right += answer.matches().getFirst().label().equals(question.label()) ? 1 : 0;
		}
		assertThat(right).isGreaterThanOrEqualTo(test.size() - 1);
		Answer whereIsIt = matcher.answer("where is my parcel, it still hasn't arrived", "en");
		assertThat(whereIsIt.decision()).isEqualTo(Answer.Decision.ANSWER);
		assertThat(whereIsIt.answer()).get().extracting(Match::label).isEqualTo("order_status");
	}

	@Test
	void matchesAreRankedWithConfidencesBetweenZeroAndOne() {
		Answer answer = matcher.answer("I want my money back for the broken chair", "en");
		assertThat(answer.matches()).hasSize(5);
		assertThat(answer.matches().getFirst().label()).isEqualTo("return_item");
		double previous = 1;
		for (Match match : answer.matches()) {
			assertThat(match.confidence()).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
			previous = match.confidence();
		}
	}

	/** Random word salad never gets more confidence than a clear question; the confidence stays a probability. */
	@RepeatedTest(5)
	void nonsenseIsLessCertainThanAClearQuestion() {
		Random random = new Random(System.nanoTime());
		String[] words = { "purple", "quantum", "giraffe", "tomorrow", "saxophone", "nebula", "the", "of", "seven" };
		StringBuilder salad = new StringBuilder();
		for (int n = 0; n < 4 + random.nextInt(5); n++) {
			salad.append(words[random.nextInt(words.length)]).append(' ');
		}
		double nonsense = matcher.answer(salad.toString(), "en").confidence();
		assertThat(nonsense).isBetween(0.0, 1.0)
			.isLessThan(matcher.answer("I would like to cancel my order", "en").confidence());
	}

	@Test
	void thresholdsDecideBetweenAnswerSuggestAndHandOff() {
		Answer clear = matcher.answer("What are your opening hours?", "en");
		assertThat(matcher.withThresholds(new Thresholds(1, 1)).answer("What are your opening hours?", "en").decision())
			.isEqualTo(Answer.Decision.HAND_OFF);
		assertThat(matcher.withThresholds(new Thresholds(1, 0)).answer("What are your opening hours?", "en").decision())
			.isEqualTo(Answer.Decision.SUGGEST);
		assertThat(matcher.withThresholds(new Thresholds(0, 0)).answer("What are your opening hours?", "en").answer())
			.get()
			.isEqualTo(clear.matches().getFirst());
		assertThat(matcher.answer("   ", "en").decision()).isEqualTo(Answer.Decision.HAND_OFF);
		assertThat(matcher.answer("   ", "en").matches()).isEmpty();
		assertThatThrownBy(() -> new Thresholds(0.3, 0.6)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("suggest <= answer");
		assertThatThrownBy(() -> new Thresholds(1.2, 0.1)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void outOfScopeExamplesChooseAThresholdThatRejectsUnrelatedQuestions() throws Exception {
		QuestionMatcher withUnknowns = QuestionMatcher.train(examples("webshop-en-train.csv", "en", false),
				examples("webshop-en-train.csv", "en", true), encoder, Thresholds.DEFAULT, Scorer.ALL);
		assertThat(withUnknowns.outOfScopeThreshold()).isPresent();
		assertThat(matcher.outOfScopeThreshold()).isEmpty();
		assertThat(withUnknowns.labels()).doesNotContain("oos").hasSize(6);
		assertThat(withUnknowns.answer("Where is my order?", "en").confidence())
			.isGreaterThan(withUnknowns.outOfScopeThreshold().getAsDouble());
	}

	@Test
	void eachScorerAloneStillMatchesAndNoExamplesIsRefused() throws Exception {
		for (Scorer scorer : Scorer.values()) {
			QuestionMatcher single = QuestionMatcher.train(examples("webshop-en-train.csv", "en", false), List.of(),
					encoder, Thresholds.DEFAULT, java.util.Set.of(scorer));
			assertThat(single.answer("Please cancel my order", "en").matches().getFirst().label())
				.as(scorer.name())
				.isEqualTo("cancel_order");
		}
		QuestionMatcher lexicalOnly = QuestionMatcher.train(examples("webshop-en-train.csv", "en", false), List.of(),
				SentenceEncoder.none(), Thresholds.DEFAULT, Scorer.ALL);
		assertThat(lexicalOnly.describe()).contains("semantic 0.0");
		assertThatThrownBy(() -> QuestionMatcher.train(List.of(), encoder, Thresholds.DEFAULT))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void theEmbeddingModelIsChosenBySettings() {
		assertThat(new Answering(0.7, 0.4, "none", "", "mean", null).encoder().enabled()).isFalse();
		assertThat(new Answering(0.7, 0.4, "none", "", "mean", null).thresholds()).isEqualTo(new Thresholds(0.7, 0.4));
		assertThat(new Answering(0.7, 0.4, "none", "", "mean", 0.9).encoder().sameQuestion()).isEqualTo(0.9);
		assertThatThrownBy(() -> new Answering(0.7, 0.4, "none", "", "mean", 1.5).encoder())
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("same-question");
		assertThat(SentenceEncoder.configured("dev.langchain4j.model.embedding.onnx.allminilml6v2q"
				+ ".AllMiniLmL6V2QuantizedEmbeddingModel", null, null).embed("hello")).hasSize(384);
		assertThatThrownBy(() -> SentenceEncoder.configured("/nowhere/model.onnx", null, null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("tokenizer");
		assertThatThrownBy(() -> SentenceEncoder.configured("no.such.Model", null, null))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("no.such.Model");
		// each bundled model's same-question cosine: a paraphrase reaches it, another question does not
		for (SentenceEncoder model : List.of(encoder, SentenceEncoder.configured(SentenceEncoder.MINILM, null, null))) {
			float[] question = model.embed("Where is my parcel?");
			assertThat(dot(question, model.embed("Where is my package?"))).as(model.name())
				.isGreaterThanOrEqualTo(model.sameQuestion());
			assertThat(dot(question, model.embed("How do I change my password?"))).as(model.name())
				.isLessThan(model.sameQuestion());
		}
		assertThat(encoder.name()).isEqualTo(SentenceEncoder.BUNDLED);
		assertThat(encoder.sameQuestion()).isGreaterThan(SentenceEncoder.configured(SentenceEncoder.MINILM, null, null)
			.sameQuestion());
		float[] vector = encoder.embed("Where is my order?");
		double norm = 0;
		for (float v : vector) {
			norm += v * v;
		}
		assertThat(norm).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
	}

	/**
	 * A question is embedded from its first {@link SentenceEncoder#QUESTION_WORDS} words, whatever its spacing; a
	 * shorter one whole; and a long question still finds its intent (the classifier and BM25 read all of it).
	 */
	@Test
	void aLongQuestionIsEmbeddedFromItsFirstWords() {
		nl.baken.RandomInput.tries(200, random -> {
			int words = random.nextInt(3 * SentenceEncoder.QUESTION_WORDS);
			StringBuilder text = new StringBuilder(random.nextBoolean() ? " " : "");
			for (int w = 0; w < words; w++) {
				text.append("w").append(w).append(random.nextBoolean() ? " " : "\t\n ");
			}
			String capped = SentenceEncoder.firstWords(text.toString(), SentenceEncoder.QUESTION_WORDS);
			List<String> kept = capped.isBlank() ? List.of() : List.of(capped.strip().split("\\s+"));
			assertThat(kept).hasSize(Math.min(words, SentenceEncoder.QUESTION_WORDS));
			for (int w = 0; w < kept.size(); w++) {
				assertThat(kept.get(w)).isEqualTo("w" + w);
			}
			if (words <= SentenceEncoder.QUESTION_WORDS) {
				assertThat(capped).isEqualTo(text.toString());
			}
		});
		String opening = "I ordered a garden chair three weeks ago and it still has not arrived";
		String rambling = opening + ", and I have been waiting at home every day, my neighbours have not seen a "
				+ "parcel either, the tracking page says nothing at all and nobody answers the phone when I call";
		assertThat(rambling.split(" ")).hasSizeGreaterThan(SentenceEncoder.QUESTION_WORDS);
		assertThat(encoder.embedQuestion(rambling)).containsExactly(encoder.embed(
				SentenceEncoder.firstWords(rambling, SentenceEncoder.QUESTION_WORDS)));
		assertThat(matcher.answer(rambling, "en").matches().getFirst().label()).isEqualTo("order_status");
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}
}
