package nl.baken.answering.internal;

/**
 * How the three scorers are mixed and turned into a confidence: each scorer's per-label scores become a
 * distribution (classifier: its probabilities; semantic: softmax of cosine / {@code semanticTemperature}, the cosine
 * being the nearest example's blended with the label prototype's by {@code prototypeShare}; lexical:
 * softmax of BM25 / best BM25 / {@code lexicalTemperature}), the mix is their weighted sum, and the confidence of a
 * label is {@code σ(a · logit(mix) + b)} — Platt scaling, fitted on held-out folds, so it rises with the mix.
 */
record Combination(double classifierWeight, double semanticWeight, double lexicalWeight, double semanticTemperature,
		double lexicalTemperature, double prototypeShare, double a, double b) {

	Combination withCalibration(double a, double b) {
		return new Combination(classifierWeight, semanticWeight, lexicalWeight, semanticTemperature,
				lexicalTemperature, prototypeShare, a, b);
	}

	/**
	 * @param classifier probabilities; {@code semantic} cosines (already blended with {@link #prototypeShare}),
	 * {@code lexical} raw scores (either may be null)
	 */
	double[] mix(double[] classifier, double[] semantic, double[] lexical) {
		double[] mix = new double[classifier.length];
		add(mix, classifier, classifierWeight);
		if (semantic != null && semanticWeight > 0) {
			add(mix, semanticDistribution(semantic, semanticTemperature), semanticWeight);
		}
		if (lexical != null && lexicalWeight > 0) {
			add(mix, lexicalDistribution(lexical, lexicalTemperature), lexicalWeight);
		}
		return mix;
	}

	double confidence(double mix) {
		return calibrate(mix, a, b);
	}

	static double calibrate(double mix, double a, double b) {
		return 1 / (1 + Math.exp(-(a * logit(mix) + b)));
	}

	static double logit(double p) {
		double clamped = Math.min(1 - 1e-6, Math.max(1e-6, p));
		return Math.log(clamped / (1 - clamped));
	}

	static double[] semanticDistribution(double[] cosines, double temperature) {
		double[] distribution = cosines.clone();
		Scores.softmaxInPlace(distribution, temperature);
		return distribution;
	}

	static double[] lexicalDistribution(double[] bm25, double temperature) {
		double best = 0;
		for (double score : bm25) {
			best = Math.max(best, score);
		}
		if (best <= 0) {
			// no term in common with any example: the lexical scorer has no opinion
			double[] uniform = new double[bm25.length];
			java.util.Arrays.fill(uniform, 1.0 / bm25.length);
			return uniform;
		}
		double[] distribution = new double[bm25.length];
		for (int k = 0; k < bm25.length; k++) {
			distribution[k] = bm25[k] / best;
		}
		Scores.softmaxInPlace(distribution, temperature);
		return distribution;
	}

	private static void add(double[] into, double[] values, double weight) {
		if (weight == 0) {
			return;
		}
		for (int k = 0; k < into.length; k++) {
			into[k] += weight * values[k];
		}
	}
}
