package nl.baken.knowledge.internal.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * Dutch text as the index sees it: lower case, accents folded ("café" = "cafe"), stop words out, compound words also
 * split into their parts from a shipped list of word parts ({@code knowledge/dutch-word-parts.txt}), then the
 * Snowball Dutch stemmer, so "bezorgkosten" meets "kosten voor bezorging". Questions additionally pass the editors'
 * synonyms before anything else changes the words.
 */
public final class DutchAnalysis {

	static final CharArraySet WORD_PARTS = wordParts();

	/** Parts shorter than this match inside too many unrelated words. */
	private static final int MIN_PART = 4;

	private DutchAnalysis() {
	}

	/** For article text. */
	public static Analyzer index() {
		return query(null);
	}

	/** For questions; {@code synonyms} may be null. */
	public static Analyzer query(SynonymMap synonyms) {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer source = new StandardTokenizer();
				TokenStream stream = new LowerCaseFilter(source);
				stream = new ASCIIFoldingFilter(stream);
				if (synonyms != null && synonyms.fst != null) {
					stream = new SynonymGraphFilter(stream, synonyms, true);
				}
				stream = new StopFilter(stream, DutchAnalyzer.getDefaultStopSet());
				stream = new DictionaryCompoundWordTokenFilter(stream, WORD_PARTS, 6, MIN_PART, 15, false);
				stream = new SnowballFilter(stream, new DutchStemmer());
				return new TokenStreamComponents(source, stream);
			}

			@Override
			protected TokenStream normalize(String field, TokenStream in) {
				return new ASCIIFoldingFilter(new LowerCaseFilter(in));
			}
		};
	}

	private static CharArraySet wordParts() {
		try (InputStream in = DutchAnalysis.class.getResourceAsStream("/knowledge/dutch-word-parts.txt")) {
			List<String> parts = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(l -> !l.isEmpty() && !l.startsWith("#") && l.length() >= MIN_PART)
				.toList();
			return CharArraySet.unmodifiableSet(new CharArraySet(parts, true));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
