package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import nl.baken.knowledge.internal.search.DutchAnalysis;
import nl.baken.knowledge.internal.search.EnglishAnalysis;
import nl.baken.knowledge.internal.search.PlainAnalysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.tests.analysis.BaseTokenStreamTestCase;
import org.junit.jupiter.api.Test;

/**
 * The analysis chains: what they make of customers' words, and Lucene's own randomized consistency checks (offsets,
 * positions, reuse, thread safety) over random text, as Lucene tests its analyzers.
 */
class DutchAnalysisTests {

	static List<String> terms(Analyzer analyzer, String text) throws IOException {
		List<String> terms = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("f", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		return terms;
	}

	@Test
	void dutchCompoundsAreSplitIntoStemmedParts() throws IOException {
		Analyzer dutch = DutchAnalysis.index();
		List<String> compound = terms(dutch, "bezorgkosten");
		List<String> phrase = terms(dutch, "kosten voor bezorging");
		assertThat(compound).containsAll(phrase);
		assertThat(terms(dutch, "retourzending")).contains("retour", "zending");
		assertThat(terms(dutch, "Café")).isEqualTo(terms(dutch, "cafe"));
	}

	@Test
	void englishIsStemmed() throws IOException {
		assertThat(terms(EnglishAnalysis.index(), "deliveries")).isEqualTo(terms(EnglishAnalysis.index(), "delivery"));
		assertThat(terms(EnglishAnalysis.index(), "the order's status")).containsExactly("order", "statu");
	}

	@Test
	void randomTextKeepsTheTokenStreamContract() throws IOException {
		long seed = Long.getLong("tests.seed", System.nanoTime());
		Random random = new Random(seed);
		for (Analyzer analyzer : List.of(DutchAnalysis.index(), EnglishAnalysis.index(), PlainAnalysis.create())) {
			try {
				// iterations × word length of at least 100,000 keeps Lucene from now and then also writing an index,
				// which needs its randomized runner's temporary folders (a JUnit 4 runner this JUnit 5 test lacks)
				BaseTokenStreamTestCase.checkRandomData(random, analyzer, 1000, 100);
			}
			catch (AssertionError | RuntimeException e) {
				throw new AssertionError("random analysis failed, rerun with -Dtests.seed=" + seed, e);
			}
		}
	}
}
