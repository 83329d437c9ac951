package nl.baken.answering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.baken.answering.internal.LexicalIndex;

/**
 * Dutch questions against Dutch examples (Lucene's Dutch analysis: stemming, stop words), also when the same labels
 * have English examples: a Dutch question is searched in the Dutch examples only.
 */
class DutchMatchingTests {

	static QuestionMatcher matcher;

	@BeforeAll
	static void train() throws Exception {
		List<Example> examples = new ArrayList<>(QuestionMatcherTests.examples("webshop-nl-train.csv", "nl", false));
		examples.addAll(QuestionMatcherTests.examples("webshop-en-train.csv", "en", false));
		matcher = QuestionMatcher.train(examples, SentenceEncoder.bundled(), Thresholds.DEFAULT);
	}

	@Test
	void dutchAnalysisStemsInflectionsAndDropsStopWords() {
		assertThat(LexicalIndex.analyse("bestellingen", "nl")).isEqualTo(LexicalIndex.analyse("bestelling", "nl"));
		assertThat(LexicalIndex.analyse("pakketten", "nl")).isEqualTo(LexicalIndex.analyse("pakket", "nl"));
		assertThat(LexicalIndex.analyse("Waar is de bestelling van mij?", "nl")).doesNotContain("de", "van", "is");
		assertThat(LexicalIndex.analyse("orders", "en")).isEqualTo(LexicalIndex.analyse("order", "en"));
	}

	@Test
	void dutchQuestionsMatchTheirDutchIntents() throws Exception {
		List<Example> test = QuestionMatcherTests.examples("webshop-nl-test.csv", "nl", false);
		int right = 0;
		for (Example question : test) {
			right += matcher.answer(question.text(), "nl").matches().getFirst().label().equals(question.label()) ? 1 : 0;
		}
		assertThat(right).isGreaterThanOrEqualTo(test.size() - 1);
		assertThat(matcher.answer("Mijn bestellingen zijn nog niet bezorgd", "nl").matches().getFirst().label())
			.isEqualTo("order_status");
		assertThat(new Example("x", "y", "NL-be").language()).isEqualTo("nl");
		assertThat(matcher.answer("Ik wil mijn bestelling annuleren alstublieft", "nl-BE").answer()).get()
			.extracting(Match::label)
			.isEqualTo("cancel_order");
	}

	@Test
	void aDutchQuestionFindsOnlyDutchExamplesLexically() {
		LexicalIndex index = LexicalIndex.build(List.of("Waar blijft mijn bestelling?", "Where is my order?"),
				List.of("nl", "en"), new int[] { 0, 1 }, 2);
		double[] dutch = index.scores("Waar zijn mijn bestellingen?", "nl");
		assertThat(dutch[0]).isPositive();
		assertThat(dutch[1]).isZero();
		double[] english = index.scores("Where are my orders?", "en");
		assertThat(english[0]).isZero();
		assertThat(english[1]).isPositive();
	}
}
