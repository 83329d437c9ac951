package nl.baken.answering;

import java.util.Set;

/** The scorers a {@link QuestionMatcher} combines; training with fewer is for measuring each one's share. */
public enum Scorer {

	/** Logistic regression over the sentence embedding and TF-IDF word and character n-grams. */
	CLASSIFIER,

	/** The nearest example by embedding cosine similarity. */
	SEMANTIC,

	/** Lucene BM25 over the examples, with the question's language's analysis. */
	LEXICAL;

	public static final Set<Scorer> ALL = Set.of(values());
}
