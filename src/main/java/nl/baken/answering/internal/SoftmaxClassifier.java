package nl.baken.answering.internal;

import java.util.Random;

/**
 * Multinomial logistic regression over a dense sentence embedding and sparse n-gram features, trained by stochastic
 * gradient descent with a decaying step. Sparse weights are stored feature-major so one feature's weights for all
 * labels are adjacent; updates skip labels whose gradient is negligible, which keeps an epoch over 10,000 examples
 * well under a second.
 */
public final class SoftmaxClassifier {

	private final int labels;

	private final int dense;

	private final float[] denseWeights;

	private final float[] sparseWeights;

	private final float[] bias;

	private SoftmaxClassifier(int labels, int dense, int sparse) {
		this.labels = labels;
		this.dense = dense;
		this.denseWeights = new float[labels * dense];
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
		SoftmaxClassifier model = new SoftmaxClassifier(labels, dense, sparseSize);
		int[] order = new int[targets.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Random random = new Random(settings.seed());
		double[] probabilities = new double[labels];
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
				model.update(embeddings[example], features[example], targets[example], probabilities, rate);
			}
		}
		return model;
	}

	public int labels() {
		return labels;
	}

	/** Fills {@code out} with the probability of each label. */
	public void probabilities(float[] embedding, NgramFeatures.Sparse features, double[] out) {
		for (int k = 0; k < labels; k++) {
			double sum = bias[k];
			int offset = k * dense;
			for (int e = 0; e < dense; e++) {
				sum += denseWeights[offset + e] * embedding[e];
			}
			out[k] = sum;
		}
		int[] ids = features.ids();
		float[] values = features.values();
		for (int f = 0; f < ids.length; f++) {
			int offset = ids[f] * labels;
			float value = values[f];
			for (int k = 0; k < labels; k++) {
				out[k] += sparseWeights[offset + k] * value;
			}
		}
		Scores.softmaxInPlace(out, 1);
	}

	private void update(float[] embedding, NgramFeatures.Sparse features, int target, double[] probabilities,
			float rate) {
		int[] ids = features.ids();
		float[] values = features.values();
		for (int k = 0; k < labels; k++) {
			float gradient = (float) (probabilities[k] - (k == target ? 1 : 0));
			if (Math.abs(gradient) < 1e-4f) {
				continue;
			}
			float step = rate * gradient;
			bias[k] -= step;
			int offset = k * dense;
			for (int e = 0; e < dense; e++) {
				denseWeights[offset + e] -= step * embedding[e];
			}
			for (int f = 0; f < ids.length; f++) {
				sparseWeights[ids[f] * labels + k] -= step * values[f];
			}
		}
	}

	/** Training settings; the defaults were chosen on a validation split of the BANKING77 training data. */
	public record Settings(int epochs, double rate, long seed) {

		public static final Settings DEFAULT = new Settings(6, 0.5, 7);
	}
}
