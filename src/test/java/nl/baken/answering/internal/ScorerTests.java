package nl.baken.answering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import nl.baken.RandomInput;
import org.junit.jupiter.api.Test;

/**
 * The per-question scorers after their speed-up: the half-precision nearest-example scan gives each label the cosine
 * of its nearest example (to within half precision), the prototype score is the cosine to the mean of a label's
 * examples, the classifier's input-major weights still learn at every embedding scale the training tries, and an
 * averaged classifier is the mean of its members.
 */
class ScorerTests {

	@Test
	void theScanFindsEachLabelsNearestExample() {
		RandomInput.tries(50, random -> {
			Examples e = Examples.random(random);
			double[] scores = e.index().scores(e.question());
			for (int k = 0; k < e.labels(); k++) {
				double nearest = -1;
				for (int i = 0; i < e.targets().length; i++) {
					if (e.targets()[i] == k) {
						nearest = Math.max(nearest, e.dot(i));
					}
				}
				assertThat(scores[k]).as("label %d", k).isCloseTo(nearest, within(2e-3));
			}
		});
	}

	@Test
	void thePrototypeScoreIsTheCosineToTheMeanOfALabelsExamples() {
		RandomInput.tries(50, random -> {
			Examples e = Examples.random(random);
			int dimensions = e.question().length;
			int labels = e.labels();
			float[][] embeddings = e.embeddings();
			int[] targets = e.targets();
			float[] question = e.question();
			SemanticIndex index = e.index();
			double[] prototypes = index.prototypes(question);
			double[] nearest = index.scores(question);
			for (int k = 0; k < labels; k++) {
				double[] mean = new double[dimensions];
				boolean any = false;
				for (int i = 0; i < targets.length; i++) {
					if (targets[i] == k) {
						any = true;
						for (int d = 0; d < dimensions; d++) {
							mean[d] += embeddings[i][d];
						}
					}
				}
				double dot = 0;
				double norm = 0;
				for (int d = 0; d < dimensions; d++) {
					dot += question[d] * mean[d];
					norm += mean[d] * mean[d];
				}
				double expected = !any ? -1 : norm == 0 ? 0 : dot / Math.sqrt(norm);
				assertThat(prototypes[k]).as("label %d", k).isCloseTo(expected, within(1e-4));
			}
			assertThat(index.scores(question, 0)).containsExactly(nearest);
			double[] half = index.scores(question, 0.5);
			for (int k = 0; k < labels; k++) {
				assertThat(half[k]).isCloseTo((nearest[k] + prototypes[k]) / 2, within(1e-9));
			}
		});
	}

	@Test
	void theClassifierLearnsSeparableExamples() {
		List<String> texts = List.of("where is my parcel", "parcel not delivered yet", "cancel my order please",
				"i want to cancel the order", "refund for my return", "when do i get my money back");
		int[] targets = { 0, 0, 1, 1, 2, 2 };
		NgramFeatures features = NgramFeatures.fit(texts);
		NgramFeatures.Sparse[] vectors = texts.stream().map(features::vector).toArray(NgramFeatures.Sparse[]::new);
		Random random = new Random(5);
		float[][] embeddings = new float[texts.size()][];
		for (int i = 0; i < embeddings.length; i++) {
			embeddings[i] = unit(random, 16);
		}
		for (double scale : MatcherTraining.EMBEDDING_SCALES) {
			SoftmaxClassifier classifier = SoftmaxClassifier.train(embeddings, vectors, targets, 3, features.size(),
					SoftmaxClassifier.Settings.DEFAULT.withEmbeddingScale(scale));
			assertThat(classifier.embeddingScale()).isEqualTo(scale);
			double[] probabilities = new double[3];
			for (int i = 0; i < texts.size(); i++) {
				classifier.probabilities(embeddings[i], vectors[i], probabilities);
				assertThat(probabilities[0] + probabilities[1] + probabilities[2]).isCloseTo(1, within(1e-6));
				assertThat(MatcherTraining.argmax(probabilities)).as("%s at scale %s", texts.get(i), scale)
					.isEqualTo(targets[i]);
			}
		}
	}

	/**
	 * With few examples the folds may pick a classifier that averages several SGD runs: its probabilities are the
	 * mean of single models trained with consecutive seeds (so a one-model classifier is exactly what it was), and
	 * the averaged candidates are only offered to small training sets, after the single ones.
	 */
	@Test
	void anAveragedClassifierIsTheMeanOfItsMembersAndOnlySmallSetsTryIt() {
		RandomInput.tries(20, random -> {
			int labels = 2 + random.nextInt(5);
			int examples = labels + random.nextInt(40);
			List<String> texts = new java.util.ArrayList<>();
			int[] targets = new int[examples];
			float[][] embeddings = new float[examples][];
			for (int i = 0; i < examples; i++) {
				targets[i] = i % labels;
				texts.add("label" + targets[i] + " word" + random.nextInt(20) + " word" + random.nextInt(20));
				embeddings[i] = unit(random, 8);
			}
			NgramFeatures features = NgramFeatures.fit(texts);
			NgramFeatures.Sparse[] vectors = texts.stream().map(features::vector).toArray(NgramFeatures.Sparse[]::new);
			int members = 2 + random.nextInt(4);
			SoftmaxClassifier.Settings settings = SoftmaxClassifier.Settings.DEFAULT.withEmbeddingScale(3);
			SoftmaxClassifier averaged = SoftmaxClassifier.train(embeddings, vectors, targets, labels, features.size(),
					settings.withMembers(members));
			assertThat(averaged.members()).isEqualTo(members);
			double[] expected = new double[labels];
			double[] single = new double[labels];
			double[] actual = new double[labels];
			float[] question = unit(random, 8);
			NgramFeatures.Sparse vector = vectors[random.nextInt(examples)];
			for (int m = 0; m < members; m++) {
				SoftmaxClassifier one = SoftmaxClassifier.train(embeddings, vectors, targets, labels, features.size(),
						new SoftmaxClassifier.Settings(settings.epochs(), settings.rate(), settings.seed() + m, 3, 1));
				one.probabilities(question, vector, single);
				for (int k = 0; k < labels; k++) {
					expected[k] += single[k] / members;
				}
			}
			averaged.probabilities(question, vector, actual);
			for (int k = 0; k < labels; k++) {
				assertThat(actual[k]).as("label %d of %d members", k, members).isCloseTo(expected[k], within(1e-6));
			}
		});
		SoftmaxClassifier.Settings given = SoftmaxClassifier.Settings.DEFAULT;
		assertThat(MatcherTraining.classifierCandidates(given, MatcherTraining.FEW_EXAMPLES - 1))
			.extracting(SoftmaxClassifier.Settings::members)
			.containsExactly(1, 1, MatcherTraining.FEW_EXAMPLE_MEMBERS, MatcherTraining.FEW_EXAMPLE_MEMBERS);
		assertThat(MatcherTraining.classifierCandidates(given, MatcherTraining.FEW_EXAMPLES))
			.extracting(SoftmaxClassifier.Settings::members)
			.containsExactly(1, 1);
		assertThatThrownBy(() -> given.withMembers(0)).isInstanceOf(IllegalArgumentException.class);
	}

	/** Random unit-length examples with labels, and a question, for the scan and prototype checks. */
	private record Examples(float[][] embeddings, int[] targets, int labels, float[] question) {

		static Examples random(Random random) {
			int dimensions = 1 + random.nextInt(400);
			int examples = 1 + random.nextInt(300);
			int labels = 1 + random.nextInt(12);
			float[][] embeddings = new float[examples][];
			int[] targets = new int[examples];
			for (int i = 0; i < examples; i++) {
				embeddings[i] = unit(random, dimensions);
				targets[i] = random.nextInt(labels);
			}
			return new Examples(embeddings, targets, labels, unit(random, dimensions));
		}

		SemanticIndex index() {
			return new SemanticIndex(embeddings, targets, labels);
		}

		/** The question's cosine to example {@code i}, in double precision. */
		double dot(int i) {
			double dot = 0;
			for (int d = 0; d < question.length; d++) {
				dot += (double) question[d] * embeddings[i][d];
			}
			return dot;
		}
	}

	private static float[] unit(Random random, int dimensions) {
		float[] vector = new float[dimensions];
		double norm = 0;
		for (int d = 0; d < dimensions; d++) {
			vector[d] = (float) random.nextGaussian();
			norm += vector[d] * vector[d];
		}
		for (int d = 0; d < dimensions; d++) {
			vector[d] /= (float) Math.sqrt(norm);
		}
		return vector;
	}
}
