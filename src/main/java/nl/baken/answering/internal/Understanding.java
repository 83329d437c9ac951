package nl.baken.answering.internal;

import java.util.List;

import nl.baken.answering.Answer;

/** What the bot made of a question: the matcher's decision and the articles it found, best first. */
public record Understanding(Answer.Decision decision, double confidence, List<Known> matches) {

	public Understanding {
		matches = List.copyOf(matches);
	}

	/**
	 * An article the bot can answer with: {@code label} is the matcher's label (the translation group), {@code slug}
	 * the article's slug in the question's language, {@code reasonId} its first contact reason (may be null).
	 */
	public record Known(String label, String slug, String title, String shortAnswer, String url, String reasonId) {
	}
}
