package nl.baken.answering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.baken.answering.internal.LexicalIndex;
import nl.baken.knowledge.TextAnalysis;

/**
 * Dutch questions against Dutch examples (the knowledge search's Dutch analysis: stemming, stop words, compound
 * words, accent folding), also when the same labels have English examples: a Dutch question is searched in the Dutch
 * examples only.
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
	void theMatcherReadsTextAsTheKnowledgeSearchDoes() throws IOException {
		for (String language : List.of("nl", "en", "de")) {
			for (String text : List.of("Bezorgkosten voor een café-tafel?", "The order's deliveries", "Größe ändern")) {
				assertThat(LexicalIndex.analyse(text, language))
					.isEqualTo(terms(TextAnalysis.forLanguage(language), text));
			}
		}
		// a compound meets its parts, and accents do not matter
		assertThat(LexicalIndex.analyse("bezorgkosten", "nl")).containsAll(LexicalIndex.analyse("kosten bezorging", "nl"));
		assertThat(LexicalIndex.analyse("café", "nl")).isEqualTo(LexicalIndex.analyse("cafe", "nl"));
		LexicalIndex index = LexicalIndex.build(List.of("Wat zijn de kosten voor bezorging?", "Kan ik retourneren?"),
				List.of("nl", "nl"), new int[] { 0, 1 }, 2);
		double[] scores = index.scores("bezorgkosten", "nl");
		assertThat(scores[0]).isPositive();
		assertThat(scores[1]).isZero();
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

	private static List<String> terms(Analyzer analyzer, String text) throws IOException {
		List<String> terms = new ArrayList<>();
		try (analyzer; TokenStream stream = analyzer.tokenStream("f", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		return terms;
	}
}
