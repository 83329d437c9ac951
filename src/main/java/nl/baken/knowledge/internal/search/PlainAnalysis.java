package nl.baken.knowledge.internal.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words as written, only lower-cased and accent-folded: the field that typo-tolerant (fuzzy) matching compares with,
 * since a stemmer turns a misspelt word into something no edit distance can predict.
 */
public final class PlainAnalysis {

	private PlainAnalysis() {
	}

	public static Analyzer create() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer source = new StandardTokenizer();
				return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
			}

			@Override
			protected TokenStream normalize(String field, TokenStream in) {
				return new ASCIIFoldingFilter(new LowerCaseFilter(in));
			}
		};
	}
}
