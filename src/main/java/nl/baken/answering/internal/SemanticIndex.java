package nl.baken.answering.internal;

/** The examples' unit-length embeddings; a question scores each label by its nearest example (cosine). */
final class SemanticIndex {

	private final float[][] embeddings;

	private final int[] targets;

	private final int labels;

	SemanticIndex(float[][] embeddings, int[] targets, int labels) {
		this.embeddings = embeddings;
		this.targets = targets;
		this.labels = labels;
	}

	/** The highest cosine similarity per label, -1 for labels without examples. */
	double[] scores(float[] question) {
		double[] best = new double[labels];
		java.util.Arrays.fill(best, -1);
		for (int i = 0; i < embeddings.length; i++) {
			double similarity = Scores.dot(question, embeddings[i]);
			if (similarity > best[targets[i]]) {
				best[targets[i]] = similarity;
			}
		}
		return best;
	}
}
