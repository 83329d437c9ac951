package nl.baken.answering.internal;

import java.util.Arrays;

/**
 * The examples' unit-length embeddings; a question scores each label by its nearest example (cosine) and, optionally,
 * by its cosine to the label's prototype (the normalised mean of its examples' embeddings). With few examples per
 * label the prototype is the steadier of the two (one odd example decides "nearest"); the training folds choose how
 * much of it to blend in.
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

	/** {@code [label][dimension]}, unit length; zero for a label without examples. */
	private final float[] prototypes;

	private final boolean[] hasExamples;

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
		this.prototypes = new float[labels * dimensions];
		this.hasExamples = new boolean[labels];
		for (int i = 0; i < examples; i++) {
			hasExamples[targets[i]] = true;
			for (int d = 0; d < dimensions; d++) {
				prototypes[targets[i] * dimensions + d] += embeddings[i][d];
			}
		}
		for (int k = 0; k < labels; k++) {
			double norm = 0;
			for (int d = 0; d < dimensions; d++) {
				norm += prototypes[k * dimensions + d] * prototypes[k * dimensions + d];
			}
			float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
			for (int d = 0; d < dimensions; d++) {
				prototypes[k * dimensions + d] *= scale;
			}
		}
	}

	/** {@code (1 - prototypeShare) · nearest + prototypeShare · prototype} per label. */
	double[] scores(float[] question, double prototypeShare) {
		double[] nearest = scores(question);
		return prototypeShare == 0 ? nearest : blend(nearest, prototypes(question), prototypeShare);
	}

	static double[] blend(double[] nearest, double[] prototypes, double prototypeShare) {
		double[] blended = new double[nearest.length];
		for (int k = 0; k < blended.length; k++) {
			blended[k] = (1 - prototypeShare) * nearest[k] + prototypeShare * prototypes[k];
		}
		return blended;
	}

	/** The cosine to each label's prototype, -1 for labels without examples. */
	double[] prototypes(float[] question) {
		double[] cosines = new double[labels];
		for (int k = 0; k < labels; k++) {
			float dot = 0;
			for (int d = 0; d < dimensions; d++) {
				dot += question[d] * prototypes[k * dimensions + d];
			}
			cosines[k] = hasExamples[k] ? dot : -1;
		}
		return cosines;
	}

	/** The highest cosine similarity per label (its nearest example), -1 for labels without examples. */
	double[] scores(float[] question) {
		float[] similarities = new float[examples];
		int d = 0;
		// Four dimensions per pass read and write the similarities a quarter as often; eight no longer vectorise.
		for (; d + 4 <= dimensions; d += 4) {
			float q0 = question[d], q1 = question[d + 1], q2 = question[d + 2], q3 = question[d + 3];
			int o0 = d * examples, o1 = o0 + examples, o2 = o1 + examples, o3 = o2 + examples;
			for (int i = 0; i < examples; i++) {
				similarities[i] += q0 * Float.float16ToFloat(byDimension[o0 + i]) + q1 * Float.float16ToFloat(byDimension[o1 + i])
						+ q2 * Float.float16ToFloat(byDimension[o2 + i]) + q3 * Float.float16ToFloat(byDimension[o3 + i]);
			}
		}
		for (; d < dimensions; d++) {
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
