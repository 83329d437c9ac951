package nl.baken.answering.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import nl.baken.answering.SentenceEncoder;

/** A trained matcher: the three scorers, their mix and its calibration. Immutable and safe to share. */
public final class MatcherModel {

	private final List<String> labels;

	private final SentenceEncoder encoder;

	private final NgramFeatures features;

	private final SoftmaxClassifier classifier;

	private final SemanticIndex semantic;

	private final LexicalIndex lexical;

	private final Combination combination;

	private final Double outOfScopeThreshold;

	MatcherModel(List<String> labels, SentenceEncoder encoder, NgramFeatures features, SoftmaxClassifier classifier,
			SemanticIndex semantic, LexicalIndex lexical, Combination combination, Double outOfScopeThreshold) {
		this.labels = List.copyOf(labels);
		this.encoder = encoder;
		this.features = features;
		this.classifier = classifier;
		this.semantic = semantic;
		this.lexical = lexical;
		this.combination = combination;
		this.outOfScopeThreshold = outOfScopeThreshold;
	}

	public List<String> labels() {
		return labels;
	}

	/**
	 * The confidence below which a question is best treated as out of scope, chosen on held-out folds of the
	 * training data when it had out-of-scope examples; null otherwise.
	 */
	public Double outOfScopeThreshold() {
		return outOfScopeThreshold;
	}

	/** The weights and temperatures chosen on held-out folds, for reports. */
	public String describe() {
		return String.format(java.util.Locale.ROOT,
				"classifier %.1f (embedding scale %.0f, %d model(s)), semantic %.1f (T=%.2f, prototype share %.1f), "
						+ "lexical %.1f (T=%.2f), calibration a=%.3f b=%.3f",
				combination.classifierWeight(), classifier == null ? 0 : classifier.embeddingScale(),
				classifier == null ? 0 : classifier.members(),
				combination.semanticWeight(), combination.semanticTemperature(), combination.prototypeShare(),
				combination.lexicalWeight(), combination.lexicalTemperature(), combination.a(), combination.b());
	}

	/** Up to {@code limit} labels with their confidence, best first. */
	public List<Ranked> rank(String question, String language, int limit) {
		double[] mix = mix(question, language);
		List<Ranked> ranked = new ArrayList<>(limit);
		boolean[] taken = new boolean[mix.length];
		for (int n = 0; n < Math.min(limit, mix.length); n++) {
			int best = -1;
			for (int k = 0; k < mix.length; k++) {
				if (!taken[k] && (best < 0 || mix[k] > mix[best])) {
					best = k;
				}
			}
			taken[best] = true;
			ranked.add(new Ranked(labels.get(best), combination.confidence(mix[best])));
		}
		return ranked;
	}

	double[] mix(String question, String language) {
		// BM25 needs no embedding: it runs beside the encoder, which is most of a question's time
		FutureTask<double[]> bm25 = combination.lexicalWeight() > 0
				? new FutureTask<>(() -> lexical.scores(question, language)) : null;
		if (bm25 != null) {
			Thread.startVirtualThread(bm25);
		}
		float[] embedding = encoder.enabled() ? encoder.embedQuestion(question) : new float[0];
		double[] probabilities = new double[labels.size()];
		if (classifier != null) {
			classifier.probabilities(embedding, features.vector(question), probabilities);
		}
		double[] cosines = combination.semanticWeight() > 0 ? semantic.scores(embedding, combination.prototypeShare()) : null;
		return combination.mix(probabilities, cosines, bm25 == null ? null : result(bm25));
	}

	private static double[] result(FutureTask<double[]> task) {
		try {
			return task.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while scoring a question", e);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
		}
	}

	/** A label and its calibrated confidence. */
	public record Ranked(String label, double confidence) {
	}

}
