package nl.baken.knowledge.internal.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * English text as the index sees it: possessives dropped ("order's"), lower case, accents folded, stop words out and
 * the Porter stemmer ("deliveries" = "delivery"). Questions pass the editors' synonyms first.
 */
public final class EnglishAnalysis {

	private EnglishAnalysis() {
	}

	public static Analyzer index() {
		return query(null);
	}

	/** For questions; {@code synonyms} may be null. */
	public static Analyzer query(SynonymMap synonyms) {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer source = new StandardTokenizer();
				TokenStream stream = new EnglishPossessiveFilter(source);
				stream = new LowerCaseFilter(stream);
				stream = new ASCIIFoldingFilter(stream);
				if (synonyms != null && synonyms.fst != null) {
					stream = new SynonymGraphFilter(stream, synonyms, true);
				}
				stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
				stream = new PorterStemFilter(stream);
				return new TokenStreamComponents(source, stream);
			}

			@Override
			protected TokenStream normalize(String field, TokenStream in) {
				return new ASCIIFoldingFilter(new LowerCaseFilter(in));
			}
		};
	}
}
