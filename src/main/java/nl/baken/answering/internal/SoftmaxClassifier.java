package nl.baken.answering.internal;

import java.util.Random;

/**
 * Multinomial logistic regression over a dense sentence embedding and sparse n-gram features, trained by stochastic
 * gradient descent with a decaying step. All weights are stored input-major (one input's weights for all labels are
 * adjacent), so both scoring and the update are loops over the labels that the JIT vectorises; that keeps an epoch
 * over 10,000 examples well under a second and scoring a question in microseconds.
 *
 * <p>The embedding enters multiplied by {@link Settings#embeddingScale()}: a unit-length embedding has entries of
 * about 0.05, so its weights move slowly next to the n-gram weights; a larger scale lets SGD lean on the embedding,
 * which generalises better with few examples per label and memorises worse with many (the training folds choose).
 *
 * <p>With {@link Settings#members()} above one, that many models are trained on the same examples, each in its own
 * random order, and their probabilities averaged: with ten examples per label, where one SGD run depends visibly on
 * the order it saw them in, the average is the steadier classifier (see {@link MatcherTraining#FEW_EXAMPLES}).
 */
public final class SoftmaxClassifier {

	private final int labels;

	private final float embeddingScale;

	/** One or more models trained on the same examples in different orders; their probabilities are averaged. */
	private final Weights[] members;

	private SoftmaxClassifier(int labels, float embeddingScale, Weights[] members) {
		this.labels = labels;
		this.embeddingScale = embeddingScale;
		this.members = members;
	}

	/**
	 * @param embeddings one per example (rows of equal length, may be empty)
	 * @param features one per example
	 * @param targets the label id of each example
	 */
	public static SoftmaxClassifier train(float[][] embeddings, NgramFeatures.Sparse[] features, int[] targets,
			int labels, int sparseSize, Settings settings) {
		int dense = embeddings.length == 0 ? 0 : embeddings[0].length;
		float scale = (float) settings.embeddingScale();
		Weights[] members = new Weights[settings.members()];
		for (int m = 0; m < members.length; m++) {
			members[m] = new Weights(labels, dense, sparseSize, scale);
			members[m].train(embeddings, features, targets, settings, settings.seed() + m);
		}
		return new SoftmaxClassifier(labels, scale, members);
	}

	public int labels() {
		return labels;
	}

	public double embeddingScale() {
		return embeddingScale;
	}

	/** How many models are averaged. */
	public int members() {
		return members.length;
	}

	/** Fills {@code out} with the probability of each label (the members' average). */
	public void probabilities(float[] embedding, NgramFeatures.Sparse features, double[] out) {
		members[0].probabilities(embedding, features, out);
		if (members.length == 1) {
			return;
		}
		double[] member = new double[labels];
		for (int m = 1; m < members.length; m++) {
			members[m].probabilities(embedding, features, member);
			for (int k = 0; k < labels; k++) {
				out[k] += member[k];
			}
		}
		for (int k = 0; k < labels; k++) {
			out[k] /= members.length;
		}
	}

	/** One logistic regression: its weights, input-major. */
	private static final class Weights {

		private final int labels;

		private final int dense;

		private final float embeddingScale;

		/** {@code [dimension][label]} */
		private final float[] denseWeights;

		private final float[] sparseWeights;

		private final float[] bias;

		Weights(int labels, int dense, int sparse, float embeddingScale) {
			this.labels = labels;
			this.dense = dense;
			this.embeddingScale = embeddingScale;
			this.denseWeights = new float[dense * labels];
			this.sparseWeights = new float[sparse * labels];
			this.bias = new float[labels];
		}

		void train(float[][] embeddings, NgramFeatures.Sparse[] features, int[] targets, Settings settings,
				long seed) {
			int[] order = new int[targets.length];
			for (int i = 0; i < order.length; i++) {
				order[i] = i;
			}
			Random random = new Random(seed);
			double[] probabilities = new double[labels];
			float[] labelSteps = new float[labels];
			long step = 0;
			long steps = (long) settings.epochs() * targets.length;
			for (int epoch = 0; epoch < settings.epochs(); epoch++) {
				for (int i = order.length - 1; i > 0; i--) {
					int j = random.nextInt(i + 1);
					int swap = order[i];
					order[i] = order[j];
					order[j] = swap;
				}
				for (int example : order) {
					// linear decay to a tenth: large steps first, fine ones at the end
					float rate = (float) (settings.rate() * (1 - 0.9 * step++ / steps));
					probabilities(embeddings[example], features[example], probabilities);
					update(embeddings[example], features[example], targets[example], probabilities, rate,
							labelSteps);
				}
			}
		}

		void probabilities(float[] embedding, NgramFeatures.Sparse features, double[] out) {
			float[] logits = bias.clone();
			for (int e = 0; e < dense; e++) {
				addScaled(logits, denseWeights, e * labels, embeddingScale * embedding[e]);
			}
			int[] ids = features.ids();
			float[] values = features.values();
			for (int f = 0; f < ids.length; f++) {
				addScaled(logits, sparseWeights, ids[f] * labels, values[f]);
			}
			for (int k = 0; k < labels; k++) {
				out[k] = logits[k];
			}
			Scores.softmaxInPlace(out, 1);
		}

		private void update(float[] embedding, NgramFeatures.Sparse features, int target, double[] probabilities,
				float rate, float[] steps) {
			for (int k = 0; k < labels; k++) {
				steps[k] = -rate * (float) (probabilities[k] - (k == target ? 1 : 0));
				bias[k] += steps[k];
			}
			for (int e = 0; e < dense; e++) {
				addSteps(denseWeights, e * labels, steps, embeddingScale * embedding[e]);
			}
			int[] ids = features.ids();
			float[] values = features.values();
			for (int f = 0; f < ids.length; f++) {
				addSteps(sparseWeights, ids[f] * labels, steps, values[f]);
			}
		}

		/** {@code into[k] += weights[offset + k] · scale} for every label. */
		private void addScaled(float[] into, float[] weights, int offset, float scale) {
			for (int k = 0; k < labels; k++) {
				into[k] += weights[offset + k] * scale;
			}
		}

		/** {@code weights[offset + k] += steps[k] · scale} for every label. */
		private void addSteps(float[] weights, int offset, float[] steps, float scale) {
			for (int k = 0; k < labels; k++) {
				weights[offset + k] += steps[k] * scale;
			}
		}
	}

	/**
	 * Training settings; the defaults were chosen on a validation split of the BANKING77 training data. The matcher
	 * tries the candidates of {@link MatcherTraining#classifierCandidates} (embedding scale, members) on held-out folds
	 * and keeps the best one.
	 */
	public record Settings(int epochs, double rate, long seed, double embeddingScale, int members) {

		public static final Settings DEFAULT = new Settings(6, 0.5, 7, 1, 1);

		public Settings {
			if (members < 1) {
				throw new IllegalArgumentException("a classifier needs at least one member");
			}
		}

		public Settings withEmbeddingScale(double scale) {
			return new Settings(epochs, rate, seed, scale, members);
		}

		/** {@code members} models, each seeing the examples in its own order (seeds {@code seed, seed + 1, …}). */
		public Settings withMembers(int members) {
			return new Settings(epochs, rate, seed, embeddingScale, members);
		}
	}
}
