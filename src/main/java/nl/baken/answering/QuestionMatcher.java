package nl.baken.answering;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import nl.baken.answering.internal.MatcherModel;
import nl.baken.answering.internal.MatcherTraining;
import nl.baken.answering.internal.SoftmaxClassifier;
import nl.baken.shared.InvalidInputException;

/**
 * A matcher trained on labelled example questions. Immutable: when articles change, train a new one (seconds) and
 * swap it in. {@link #answer} ranks labels by calibrated confidence and decides, from the {@link Thresholds}, whether
 * to answer, suggest or hand off.
 */
public final class QuestionMatcher {

	private static final int RANKED = 5;

	private final MatcherModel model;

	private final Thresholds thresholds;

	private QuestionMatcher(MatcherModel model, Thresholds thresholds) {
		this.model = model;
		this.thresholds = thresholds;
	}

	public static QuestionMatcher train(List<Example> examples, SentenceEncoder encoder, Thresholds thresholds) {
		return train(examples, List.of(), encoder, thresholds, Scorer.ALL);
	}

	/**
	 * @param outOfScope questions that should get no answer (e.g. "oos" rows of a data set): they are no label, but
	 * they choose {@link #outOfScopeThreshold()} on held-out folds
	 * @param parts the scorers to combine (all, except when measuring each one's share)
	 */
	public static QuestionMatcher train(List<Example> examples, List<Example> outOfScope, SentenceEncoder encoder,
			Thresholds thresholds, Set<Scorer> parts) {
		Objects.requireNonNull(encoder, "encoder");
		Objects.requireNonNull(thresholds, "thresholds");
		if (examples.isEmpty()) {
			throw new InvalidInputException("examples", "the matcher needs at least one example question");
		}
		if (parts.isEmpty()) {
			throw new InvalidInputException("parts", "the matcher needs at least one scorer");
		}
		List<String> texts = new ArrayList<>(examples.size());
		List<String> languages = new ArrayList<>(examples.size());
		List<String> labels = new ArrayList<>(examples.size());
		for (Example example : examples) {
			texts.add(example.text());
			languages.add(example.language());
			labels.add(example.label());
		}
		MatcherModel model = MatcherTraining.train(texts, languages, labels,
				outOfScope.stream().map(Example::text).toList(),
				outOfScope.stream().map(Example::language).toList(), encoder, parts,
				SoftmaxClassifier.Settings.DEFAULT);
		return new QuestionMatcher(model, thresholds);
	}

	/** The labels ranked by confidence, best first, with the decision for the best. */
	public Answer answer(String question, String language) {
		if (question == null || question.isBlank()) {
			return new Answer(Answer.Decision.HAND_OFF, List.of());
		}
		List<Match> matches = model.rank(question, Languages.normalise(language), RANKED)
			.stream()
			.map(ranked -> new Match(ranked.label(), ranked.confidence()))
			.toList();
		return new Answer(matches.isEmpty() ? Answer.Decision.HAND_OFF
				: thresholds.decide(matches.getFirst().confidence()), matches);
	}

	public Thresholds thresholds() {
		return thresholds;
	}

	/** The same trained matcher with other thresholds (no retraining). */
	public QuestionMatcher withThresholds(Thresholds thresholds) {
		return new QuestionMatcher(model, Objects.requireNonNull(thresholds));
	}

	public List<String> labels() {
		return model.labels();
	}

	/**
	 * The confidence that best separated answerable from out-of-scope questions on held-out folds of the training
	 * data; empty when it was trained without out-of-scope examples.
	 */
	public java.util.OptionalDouble outOfScopeThreshold() {
		Double threshold = model.outOfScopeThreshold();
		return threshold == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(threshold);
	}

	/** How the scorers were mixed and calibrated, for reports. */
	public String describe() {
		return model.describe();
	}
}
