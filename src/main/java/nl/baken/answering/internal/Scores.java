package nl.baken.answering.internal;

/** Small numeric helpers shared by the scorers. */
final class Scores {

	private Scores() {
	}

	/** {@code values[k] = exp(values[k] / temperature) / Σ}, stable for large values. */
	static void softmaxInPlace(double[] values, double temperature) {
		double max = Double.NEGATIVE_INFINITY;
		for (double value : values) {
			max = Math.max(max, value);
		}
		double sum = 0;
		for (int k = 0; k < values.length; k++) {
			values[k] = Math.exp((values[k] - max) / temperature);
			sum += values[k];
		}
		for (int k = 0; k < values.length; k++) {
			values[k] /= sum;
		}
	}
}
