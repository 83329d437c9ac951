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

	static double dot(float[] a, float[] b) {
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		int i = 0;
		for (; i + 3 < a.length; i += 4) {
			s0 += a[i] * b[i];
			s1 += a[i + 1] * b[i + 1];
			s2 += a[i + 2] * b[i + 2];
			s3 += a[i + 3] * b[i + 3];
		}
		for (; i < a.length; i++) {
			s0 += a[i] * b[i];
		}
		return s0 + s1 + s2 + s3;
	}
}
