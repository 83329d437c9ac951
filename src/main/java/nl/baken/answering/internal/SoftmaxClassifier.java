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
 */
public final class SoftmaxClassifier {

	private final int labels;

	private final int dense;

	/** {@code [dimension][label]} */
	private final float[] denseWeights;

	private final float[] sparseWeights;

	private final float[] bias;

	private final float embeddingScale;

	private SoftmaxClassifier(int labels, int dense, int sparse, float embeddingScale) {
		this.labels = labels;
		this.dense = dense;
		this.embeddingScale = embeddingScale;
		this.denseWeights = new float[dense * labels];
		this.sparseWeights = new float[sparse * labels];
		this.bias = new float[labels];
	}

	/**
	 * @param embeddings one per example (rows of equal length, may be empty)
	 * @param features one per example
	 * @param targets the label id of each example
	 */
	public static SoftmaxClassifier train(float[][] embeddings, NgramFeatures.Sparse[] features, int[] targets,
			int labels, int sparseSize, Settings settings) {
		int dense = embeddings.length == 0 ? 0 : embeddings[0].length;
		SoftmaxClassifier model = new SoftmaxClassifier(labels, dense, sparseSize, (float) settings.embeddingScale());
		int[] order = new int[targets.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Random random = new Random(settings.seed());
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
				model.probabilities(embeddings[example], features[example], probabilities);
				model.update(embeddings[example], features[example], targets[example], probabilities, rate,
						labelSteps);
			}
		}
		return model;
	}

	public int labels() {
		return labels;
	}

	public double embeddingScale() {
		return embeddingScale;
	}

	/** Fills {@code out} with the probability of each label. */
	public void probabilities(float[] embedding, NgramFeatures.Sparse features, double[] out) {
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

	/**
	 * Training settings; the defaults were chosen on a validation split of the BANKING77 training data. The matcher
	 * tries the embedding scales in {@link MatcherTraining} on held-out folds and keeps the better one.
	 */
	public record Settings(int epochs, double rate, long seed, double embeddingScale) {

		public static final Settings DEFAULT = new Settings(6, 0.5, 7, 1);

		public Settings withEmbeddingScale(double scale) {
			return new Settings(epochs, rate, seed, scale);
		}
	}
}
