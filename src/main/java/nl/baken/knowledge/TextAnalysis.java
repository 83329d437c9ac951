package nl.baken.knowledge;

import java.util.Locale;

import nl.baken.knowledge.internal.search.DutchAnalysis;
import nl.baken.knowledge.internal.search.EnglishAnalysis;
import nl.baken.knowledge.internal.search.PlainAnalysis;
import org.apache.lucene.analysis.Analyzer;

/**
 * How the knowledge search reads text in each language — Dutch: accents folded, stop words out, compound words split
 * into their parts, Snowball stemming; English: possessives dropped, accents folded, Porter stemming; other
 * languages: lower case and accent folding only. Other modules that match questions with Lucene (the answering
 * module's matcher) use these so that search and matcher stem and fold alike. The editors' synonyms are not part of
 * it: they belong to the knowledge base's own index.
 */
public final class TextAnalysis {

	private TextAnalysis() {
	}

	/** A new analyser for text in {@code language} ({@code nl}, {@code en}, anything else: plain). */
	public static Analyzer forLanguage(String language) {
		return switch (language == null ? "" : language.toLowerCase(Locale.ROOT)) {
			case "nl" -> DutchAnalysis.index();
			case "en" -> EnglishAnalysis.index();
			default -> PlainAnalysis.create();
		};
	}
}
