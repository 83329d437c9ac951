package nl.baken.answering.internal;

import java.util.Arrays;

/**
 * The examples' unit-length embeddings; a question scores each label by its nearest example (cosine).
 *
 * <p>Stored dimension-major ({@code [dimension][example]}) as half-precision floats: the scan is then one
 * {@code scores[i] += q[d] · e[d][i]} loop per dimension, which the JIT turns into vector instructions (a row-wise dot
 * product is a sequential float sum it may not reorder), and 10,000 × 384 values take 7.7 MB instead of 15 MB, which
 * is what made the scan memory-bound. Half precision changes a cosine by about 1e-4.
 */
final class SemanticIndex {

	private final short[] byDimension;

	private final int examples;

	private final int dimensions;

	private final int[] targets;

	private final int labels;

	SemanticIndex(float[][] embeddings, int[] targets, int labels) {
		this.examples = embeddings.length;
		this.dimensions = examples == 0 ? 0 : embeddings[0].length;
		this.byDimension = new short[examples * dimensions];
		for (int i = 0; i < examples; i++) {
			for (int d = 0; d < dimensions; d++) {
				byDimension[d * examples + i] = Float.floatToFloat16(embeddings[i][d]);
			}
		}
		this.targets = targets.clone();
		this.labels = labels;
	}

	/** The highest cosine similarity per label, -1 for labels without examples. */
	double[] scores(float[] question) {
		float[] similarities = new float[examples];
		for (int d = 0; d < dimensions; d++) {
			float q = question[d];
			int offset = d * examples;
			for (int i = 0; i < examples; i++) {
				similarities[i] += q * Float.float16ToFloat(byDimension[offset + i]);
			}
		}
		double[] best = new double[labels];
		Arrays.fill(best, -1);
		for (int i = 0; i < examples; i++) {
			if (similarities[i] > best[targets[i]]) {
				best[targets[i]] = similarities[i];
			}
		}
		return best;
	}
}
