package nl.baken.answering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Confidence calibration (Platt scaling on held-out folds), mixing, fold assignment, and the choice of the
 * classifier's embedding scale and the prototype share on held-out scores.
 */
class CalibrationTests {

	/** Scores whose true hit rate is known: the fitted confidence must follow it, stay in (0,1) and rise. */
	@RepeatedTest(10)
	void plattRecoversAKnownHitRateAndIsMonotoneInRange() {
		Random random = new Random(System.nanoTime());
		double trueA = 0.5 + random.nextDouble() * 2;
		double trueB = random.nextDouble() * 2 - 1;
		int n = 4000;
		double[] x = new double[n];
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = random.nextGaussian() * 2;
			y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(trueA * x[i] + trueB))) ? 1 : 0;
		}
		double[] fitted = MatcherTraining.platt(x, y);
		assertThat(fitted[0]).isCloseTo(trueA, within(0.35));
		assertThat(fitted[1]).isCloseTo(trueB, within(0.3));
		Combination combination = new Combination(1, 0, 0, 0.05, 0.1, 0, fitted[0], fitted[1]);
		double previous = -1;
		for (int step = 0; step <= 1000; step++) {
			double mix = step / 1000.0;
			double confidence = combination.confidence(mix);
			assertThat(confidence).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
			previous = confidence;
		}
	}

	@Test
	void perfectlySeparatedHeldOutDataStillGivesAFiniteRisingFit() {
		double[] x = { -3, -2, -1, 1, 2, 3 };
		double[] y = { 0, 0, 0, 1, 1, 1 };
		double[] fitted = MatcherTraining.platt(x, y);
		assertThat(fitted[0]).isPositive().isLessThan(20);
		assertThat(Double.isFinite(fitted[1])).isTrue();
		double[] allRight = MatcherTraining.platt(new double[] { 1, 2, 3 }, new double[] { 1, 1, 1 });
		assertThat(allRight[0]).isPositive();
	}

	@RepeatedTest(5)
	void theMixIsADistributionWhateverTheScores() {
		Random random = new Random(System.nanoTime());
		int labels = 2 + random.nextInt(20);
		double[] probabilities = new double[labels];
		double[] cosines = new double[labels];
		double[] bm25 = new double[labels];
		for (int k = 0; k < labels; k++) {
			probabilities[k] = random.nextDouble();
			cosines[k] = random.nextDouble() * 2 - 1;
			bm25[k] = random.nextBoolean() ? 0 : random.nextDouble() * 30;
		}
		double sum = 0;
		for (double p : probabilities) {
			sum += p;
		}
		for (int k = 0; k < labels; k++) {
			probabilities[k] /= sum;
		}
		double[] mix = new Combination(0.5, 0.3, 0.2, 0.05, 0.1, 0, 1, 0).mix(probabilities, cosines, bm25);
		assertThat(java.util.Arrays.stream(mix).sum()).isCloseTo(1.0, within(1e-9));
		assertThat(java.util.Arrays.stream(mix).allMatch(v -> v >= 0 && v <= 1)).isTrue();
		double[] noTermInCommon = Combination.lexicalDistribution(new double[labels], 0.1);
		assertThat(noTermInCommon[0]).isCloseTo(1.0 / labels, within(1e-12));
	}

	@Test
	void foldsAreStratified() {
		Random random = new Random(3);
		int[] targets = new int[3000];
		for (int i = 0; i < targets.length; i++) {
			targets[i] = random.nextInt(10);
		}
		// the first split, and the further splits that small sets pool: each stratified, each its own
		for (int seed : new int[] { 0, 101, 102 }) {
			int[] folds = MatcherTraining.folds(targets, 10, seed);
			for (int label = 0; label < 10; label++) {
				List<Integer> perFold = new ArrayList<>(List.of(0, 0, 0));
				for (int i = 0; i < targets.length; i++) {
					if (targets[i] == label) {
						perFold.set(folds[i], perFold.get(folds[i]) + 1);
					}
				}
				int max = perFold.stream().mapToInt(Integer::intValue).max().orElseThrow();
				int min = perFold.stream().mapToInt(Integer::intValue).min().orElseThrow();
				assertThat(max - min).isLessThanOrEqualTo(1);
			}
		}
		assertThat(MatcherTraining.folds(targets, 10)).isEqualTo(MatcherTraining.folds(targets, 10, 0))
			.isNotEqualTo(MatcherTraining.folds(targets, 10, 101));
	}

	/**
	 * Held-out questions where only the second classifier candidate and only the prototype cosine point at the right
	 * label: the choice must take that candidate (classifier alone) and a prototype share (semantic alone), and give
	 * a mix that then ranks them right.
	 */
	@Test
	void theFoldsChooseTheEmbeddingScaleAndPrototypeShareThatAreRightOnHeldOutQuestions() {
		int labels = 4;
		List<MatcherTraining.HeldOut> heldOut = new ArrayList<>();
		for (int n = 0; n < 40; n++) {
			int target = n % labels;
			int wrong = (target + 1) % labels;
			double[] misled = scores(labels, target, 0.1, wrong, 0.9);
			double[] right = scores(labels, target, 0.7, wrong, 0.3);
			double[] nearest = scores(labels, target, 0.85, wrong, 0.9);
			double[] prototypes = scores(labels, target, 0.8, wrong, 0.2);
			heldOut.add(new MatcherTraining.HeldOut(new double[][] { misled, right }, nearest, prototypes, null,
					target));
		}
		MatcherTraining.Choice classifierOnly = MatcherTraining.choose(heldOut, true, false, false);
		assertThat(classifierOnly.classifier()).isEqualTo(1);
		MatcherTraining.Choice semanticOnly = MatcherTraining.choose(heldOut, false, true, false);
		assertThat(semanticOnly.combination().prototypeShare()).isPositive();
		for (MatcherTraining.Choice choice : List.of(classifierOnly, semanticOnly)) {
			for (MatcherTraining.HeldOut h : heldOut) {
				double[] mix = choice.combination()
					.mix(h.probabilities()[choice.classifier()], h.semantic(choice.combination().prototypeShare()), null);
				assertThat(MatcherTraining.argmax(mix)).isEqualTo(h.target());
			}
		}
	}

	/** Scores over {@code labels} labels: {@code targetScore} for the right one, {@code wrongScore} for one other. */
	private static double[] scores(int labels, int target, double targetScore, int wrong, double wrongScore) {
		double[] scores = new double[labels];
		scores[target] = targetScore;
		scores[wrong] = wrongScore;
		return scores;
	}
}
