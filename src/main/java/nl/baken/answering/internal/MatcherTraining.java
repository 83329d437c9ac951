package nl.baken.answering.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.baken.answering.Scorer;
import nl.baken.answering.SentenceEncoder;

/**
 * Trains a {@link MatcherModel}. The examples are split into {@value #FOLDS} stratified folds (with few examples,
 * {@value #FEW_EXAMPLE_REPEATS} times over); each fold is scored by scorers trained on the others, and on those
 * held-out scores — never on evaluation data — the mix weights and temperatures, the classifier's embedding scale
 * (and, with few examples, whether it averages several models) and the share of the label prototypes in the semantic
 * score are chosen (best held-out accuracy), the confidence is calibrated (Platt scaling) and, when out-of-scope
 * examples are given, the out-of-scope threshold is chosen. Then every scorer is trained on all examples with the
 * chosen settings. Embeddings are computed once per example.
 */
public final class MatcherTraining {

	static final int FOLDS = 3;

	// Held-out examples scored per fold: enough for weights and calibration, bounded so that the nearest-neighbour
	// scoring of 10,000 examples stays a few seconds.
	static final int HELD_OUT_PER_FOLD = 800;

	private static final double PRIOR = 1;

	private static final double[] SEMANTIC_TEMPERATURES = { 0.02, 0.05, 0.1 };

	private static final double[] LEXICAL_TEMPERATURES = { 0.05, 0.1, 0.2 };

	// 1 suits many examples per label, 3 few (10-shot on the validation split of the BANKING77 training set: 84.4 →
	// 85.5 % at 3; with all examples scale 3 loses half a point); each fold trains both, see docs/benchmarks.md.
	static final double[] EMBEDDING_SCALES = { 1, 3 };

	/**
	 * Below this many examples the folds also try a classifier that averages {@link #FEW_EXAMPLE_MEMBERS} models
	 * trained in different orders (see {@link #classifierCandidates}); with more examples one run is steady already,
	 * and five would cost five times the training time.
	 */
	static final int FEW_EXAMPLES = 2_000;

	static final int FEW_EXAMPLE_MEMBERS = 5;

	/**
	 * Below {@link #FEW_EXAMPLES} examples the fold split is done this many times, each with its own shuffle, and
	 * every split's held-out scores are pooled: with ten examples per label one split's 770 held-out questions choose
	 * the mix and the classifier noisily, three times as many steadily (10-shot on the validation split of the
	 * BANKING77 training set: 85.23 % with one split, 85.38 % with two, 85.48 % with three). Training costs as many
	 * times the fold work, which is small for small sets.
	 */
	static final int FEW_EXAMPLE_REPEATS = 3;

	// Share of the label prototype in the semantic score: none, or half (10-shot validation 85.5 → 86.1 % at scale 3).
	static final double[] PROTOTYPE_SHARES = { 0, 0.5 };

	private MatcherTraining() {
	}

	/**
	 * @param texts example texts, {@code languages} their languages, {@code labels} their labels (parallel lists)
	 * @param outOfScope texts (with their languages) that should lead to no answer; may be empty
	 */
	public static MatcherModel train(List<String> texts, List<String> languages, List<String> labels,
			List<String> outOfScope, List<String> outOfScopeLanguages, SentenceEncoder encoder, Set<Scorer> parts,
			SoftmaxClassifier.Settings given) {
		if (texts.isEmpty()) {
			throw new IllegalArgumentException("the matcher needs at least one example");
		}
		Map<String, Integer> ids = new LinkedHashMap<>();
		int[] targets = new int[texts.size()];
		for (int i = 0; i < targets.length; i++) {
			targets[i] = ids.computeIfAbsent(labels.get(i), label -> ids.size());
		}
		int labelCount = ids.size();
		List<SoftmaxClassifier.Settings> candidates = classifierCandidates(given, texts.size());
		boolean semanticOn = encoder.enabled() && parts.contains(Scorer.SEMANTIC);
		boolean classifierOn = parts.contains(Scorer.CLASSIFIER);
		boolean lexicalOn = parts.contains(Scorer.LEXICAL);
		List<String> all = new ArrayList<>(texts);
		all.addAll(outOfScope);
		float[][] allEmbeddings = encoder.enabled() ? encoder.embedAll(all) : new float[all.size()][0];
		float[][] embeddings = Arrays.copyOf(allEmbeddings, texts.size());
		float[][] oosEmbeddings = Arrays.copyOfRange(allEmbeddings, texts.size(), all.size());
		NgramFeatures features = NgramFeatures.fit(texts);
		NgramFeatures.Sparse[] vectors = texts.stream().map(features::vector).toArray(NgramFeatures.Sparse[]::new);

		int[] fold = folds(targets, labelCount);
		int[] oosFold = new int[outOfScope.size()];
		for (int i = 0; i < oosFold.length; i++) {
			oosFold[i] = i % FOLDS;
		}
		List<HeldOut> heldOut = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
			List<Future<List<HeldOut>>> folds = new ArrayList<>();
			int repeats = texts.size() < FEW_EXAMPLES ? FEW_EXAMPLE_REPEATS : 1;
			for (int r = 0; r < repeats; r++) {
				int[] split = r == 0 ? fold : folds(targets, labelCount, 100 + r);
				for (int f = 0; f < FOLDS; f++) {
					int held = f;
					folds.add(pool.submit(() -> scoreFold(held, split, oosFold, texts, languages, targets, labelCount,
							embeddings, vectors, features, outOfScope, outOfScopeLanguages, oosEmbeddings, classifierOn,
							semanticOn, lexicalOn, candidates)));
				}
			}
			for (Future<List<HeldOut>> scored : folds) {
				heldOut.addAll(scored.get());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while training", e);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
		}

		Choice choice = choose(heldOut, classifierOn, semanticOn, lexicalOn);
		Combination combination = calibrate(choice, heldOut);
		Scorers trainedOnAll = Scorers.train(all(targets.length), texts, languages, targets, labelCount, embeddings,
				vectors, features.size(), classifierOn, semanticOn, lexicalOn,
				List.of(candidates.get(choice.classifier())));
		Double threshold = outOfScope.isEmpty() ? null
				: outOfScopeThreshold(new Choice(choice.classifier(), combination), heldOut);
		return new MatcherModel(List.copyOf(ids.keySet()), encoder, features, trainedOnAll.classifier(),
				trainedOnAll.semantic, trainedOnAll.lexical, combination, threshold);
	}

	/**
	 * The classifier settings the folds try, in order of preference (a later one must be strictly more accurate on
	 * the held-out folds): each of {@link #EMBEDDING_SCALES} as one model, then, below {@link #FEW_EXAMPLES}
	 * examples, each as the average of {@link #FEW_EXAMPLE_MEMBERS} models. With ten examples per label one SGD run
	 * depends visibly on the order it saw them in, and the average is steadier (10-shot on the validation split of
	 * the BANKING77 training set, five models at scale 3: 85.23 → 85.38 %; 85.43–85.69 % with other seeds or 10 and
	 * 20 models, never worse); on a small set where it is not better, e.g. the Dutch knowledge questions, the single
	 * model stays, with its sharper confidences.
	 */
	static List<SoftmaxClassifier.Settings> classifierCandidates(SoftmaxClassifier.Settings given, int examples) {
		List<SoftmaxClassifier.Settings> candidates = new ArrayList<>();
		for (double scale : EMBEDDING_SCALES) {
			candidates.add(given.withEmbeddingScale(scale));
		}
		if (examples < FEW_EXAMPLES) {
			for (double scale : EMBEDDING_SCALES) {
				candidates.add(given.withEmbeddingScale(scale).withMembers(FEW_EXAMPLE_MEMBERS));
			}
		}
		return candidates;
	}

	/** Stratified: each label's examples, in a seeded random order, go round the folds. */
	static int[] folds(int[] targets, int labels) {
		return folds(targets, labels, 0);
	}

	/** {@link #folds(int[], int)} with another shuffle per {@code seed}. */
	static int[] folds(int[] targets, int labels, int seed) {
		Integer[] order = new Integer[targets.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Collections.shuffle(Arrays.asList(order), new Random(11 + seed));
		int[] next = new int[labels];
		Random start = new Random(13 + seed);
		for (int k = 0; k < labels; k++) {
			next[k] = start.nextInt(FOLDS);
		}
		int[] fold = new int[targets.length];
		for (int i : order) {
			fold[i] = next[targets[i]]++ % FOLDS;
		}
		return fold;
	}

	private static int[] all(int n) {
		int[] indices = new int[n];
		for (int i = 0; i < n; i++) {
			indices[i] = i;
		}
		return indices;
	}

	private static List<HeldOut> scoreFold(int held, int[] fold, int[] oosFold, List<String> texts,
			List<String> languages, int[] targets, int labels, float[][] embeddings, NgramFeatures.Sparse[] vectors,
			NgramFeatures features, List<String> outOfScope, List<String> oosLanguages, float[][] oosEmbeddings,
			boolean classifierOn, boolean semanticOn, boolean lexicalOn, List<SoftmaxClassifier.Settings> candidates) {
		int[] training = java.util.stream.IntStream.range(0, fold.length).filter(i -> fold[i] != held).toArray();
		int[] scored = java.util.stream.IntStream.range(0, fold.length).filter(i -> fold[i] == held).toArray();
		if (scored.length > HELD_OUT_PER_FOLD) {
			List<Integer> sample = new ArrayList<>(Arrays.stream(scored).boxed().toList());
			java.util.Collections.shuffle(sample, new Random(17 + held));
			scored = sample.subList(0, HELD_OUT_PER_FOLD).stream().mapToInt(Integer::intValue).sorted().toArray();
		}
		Scorers scorers = Scorers.train(training, texts, languages, targets, labels, embeddings, vectors,
				features.size(), classifierOn, semanticOn, lexicalOn, classifierOn ? candidates : List.of());
		List<HeldOut> results = new ArrayList<>();
		for (int i : scored) {
			results.add(scorers.score(embeddings[i], vectors[i], texts.get(i), languages.get(i), targets[i]));
		}
		for (int i = 0; i < oosFold.length; i++) {
			if (oosFold[i] == held) {
				results.add(scorers.score(oosEmbeddings[i], features.vector(outOfScope.get(i)), outOfScope.get(i),
						oosLanguages.get(i), -1));
			}
		}
		return results;
	}

	/**
	 * The classifier (index into {@link #classifierCandidates}), prototype share, weights (steps of 0.1, summing to
	 * 1) and temperatures with the best held-out accuracy; ties go to the higher likelihood of the right label, except
	 * that a classifier or share other than the first must be strictly more accurate: on small sets where every
	 * candidate gets all held-out questions right, the sharper candidates win on likelihood and made every answer
	 * (nonsense too) look certain.
	 */
	static Choice choose(List<HeldOut> heldOut, boolean classifierOn, boolean semanticOn, boolean lexicalOn) {
		List<HeldOut> inScope = heldOut.stream().filter(h -> h.target >= 0).toList();
		Choice best = null;
		double bestAccuracy = -1;
		double bestLikelihood = Double.NEGATIVE_INFINITY;
		int classifiers = inScope.isEmpty() ? 1 : inScope.getFirst().probabilities.length;
		for (int classifier = 0; classifier < classifiers; classifier++) {
			for (double prototypeShare : semanticOn ? PROTOTYPE_SHARES : new double[] { 0 }) {
				Choice before = best;
				double accuracyBefore = bestAccuracy;
				double likelihoodBefore = bestLikelihood;
				bestAccuracy = -1;
				bestLikelihood = Double.NEGATIVE_INFINITY;
				for (double semanticTemperature : semanticOn ? SEMANTIC_TEMPERATURES : new double[] { 0.05 }) {
					for (double lexicalTemperature : lexicalOn ? LEXICAL_TEMPERATURES : new double[] { 0.1 }) {
						List<double[]> semantic = inScope.stream()
							.map(h -> h.cosines == null ? null
									: Combination.semanticDistribution(h.semantic(prototypeShare), semanticTemperature))
							.toList();
						List<double[]> lexical = inScope.stream()
							.map(h -> h.bm25 == null ? null : Combination.lexicalDistribution(h.bm25, lexicalTemperature))
							.toList();
						for (int c = 0; c <= 10; c++) {
							for (int s = 0; s + c <= 10; s++) {
								int l = 10 - c - s;
								if ((c > 0 && !classifierOn) || (s > 0 && !semanticOn) || (l > 0 && !lexicalOn)) {
									continue;
								}
								int correct = 0;
								double likelihood = 0;
								for (int n = 0; n < inScope.size(); n++) {
									HeldOut h = inScope.get(n);
									double[] probabilities = h.probabilities[classifier];
									int top = 0;
									double topScore = -1;
									double targetScore = 0;
									for (int k = 0; k < probabilities.length; k++) {
										double score = c / 10.0 * probabilities[k]
												+ (s == 0 ? 0 : s / 10.0 * semantic.get(n)[k])
												+ (l == 0 ? 0 : l / 10.0 * lexical.get(n)[k]);
										if (score > topScore) {
											topScore = score;
											top = k;
										}
										if (k == h.target) {
											targetScore = score;
										}
									}
									correct += top == h.target ? 1 : 0;
									likelihood += Math.log(Math.max(targetScore, 1e-9));
								}
								double accuracy = (double) correct / Math.max(1, inScope.size());
								if (accuracy > bestAccuracy + 1e-9
										|| (Math.abs(accuracy - bestAccuracy) <= 1e-9 && likelihood > bestLikelihood)) {
									bestAccuracy = accuracy;
									bestLikelihood = likelihood;
									best = new Choice(classifier, new Combination(c / 10.0, s / 10.0, l / 10.0,
											semanticTemperature, lexicalTemperature, prototypeShare, 1, 0));
								}
							}
						}
					}
				}
				if (before != null && bestAccuracy <= accuracyBefore + 1e-9) {
					best = before;
					bestAccuracy = accuracyBefore;
					bestLikelihood = likelihoodBefore;
				}
			}
		}
		return best;
	}

	/** What {@link #choose} picked: the classifier (an index into {@link #classifierCandidates}) and the mix. */
	record Choice(int classifier, Combination combination) {
	}

	/** Platt scaling of the top label's mix against "was it right", fitted by Newton's method on held-out folds. */
	static Combination calibrate(Choice choice, List<HeldOut> heldOut) {
		Combination combination = choice.combination();
		int n = heldOut.size();
		double[] x = new double[n];
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			HeldOut h = heldOut.get(i);
			double[] mix = combination.mix(h.probabilities[choice.classifier()],
					h.semantic(combination.prototypeShare()), h.bm25);
			int top = argmax(mix);
			x[i] = Combination.logit(mix[top]);
			y[i] = top == h.target ? 1 : 0;
		}
		double[] fitted = platt(x, y);
		return combination.withCalibration(fitted[0], fitted[1]);
	}

	/**
	 * Fits {@code P(y=1|x) = σ(a·x + b)} with Platt's smoothed targets and a weak ridge prior. Falls back to {@code a = 1, b = 0} (the mix
	 * itself) when the fit is not increasing, e.g. when every held-out example was right.
	 */
	static double[] platt(double[] x, double[] y) {
		double positives = 0;
		for (double v : y) {
			positives += v;
		}
		double negatives = y.length - positives;
		double high = (positives + 1) / (positives + 2);
		double low = 1 / (negatives + 2);
		double a = 1;
		double b = 0;
		for (int iteration = 0; iteration < 100; iteration++) {
			// a weak pull towards the identity (a = 1, b = 0) keeps the fit finite when held-out data separate perfectly
			double ga = PRIOR * (a - 1);
			double gb = PRIOR * b;
			double haa = PRIOR;
			double hab = 0;
			double hbb = PRIOR;
			for (int i = 0; i < x.length; i++) {
				double target = y[i] > 0 ? high : low;
				double p = 1 / (1 + Math.exp(-(a * x[i] + b)));
				double d = p - target;
				double w = Math.max(p * (1 - p), 1e-12);
				ga += d * x[i];
				gb += d;
				haa += w * x[i] * x[i];
				hab += w * x[i];
				hbb += w;
			}
			double determinant = haa * hbb - hab * hab;
			if (Math.abs(determinant) < 1e-18) {
				break;
			}
			double da = (hbb * ga - hab * gb) / determinant;
			double db = (haa * gb - hab * ga) / determinant;
			a -= da;
			b -= db;
			if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
				break;
			}
		}
		if (!(a > 0) || !Double.isFinite(b)) {
			return new double[] { 1, 0 };
		}
		return new double[] { a, b };
	}

	/**
	 * The threshold that best separates, on held-out folds, in-scope questions answered rightly from out-of-scope
	 * questions: maximises (right answers above it + out-of-scope below it).
	 */
	static double outOfScopeThreshold(Choice choice, List<HeldOut> heldOut) {
		Combination combination = choice.combination();
		int n = heldOut.size();
		double[] confidence = new double[n];
		boolean[] good = new boolean[n];
		boolean[] outOfScope = new boolean[n];
		for (int i = 0; i < n; i++) {
			HeldOut h = heldOut.get(i);
			double[] mix = combination.mix(h.probabilities[choice.classifier()],
					h.semantic(combination.prototypeShare()), h.bm25);
			int top = argmax(mix);
			confidence[i] = combination.confidence(mix[top]);
			outOfScope[i] = h.target < 0;
			good[i] = top == h.target;
		}
		double[] candidates = confidence.clone();
		Arrays.sort(candidates);
		double bestThreshold = 0;
		int bestScore = -1;
		for (int c = 0; c <= candidates.length; c++) {
			double threshold = c == candidates.length ? 1 + 1e-9 : candidates[c];
			int score = 0;
			for (int i = 0; i < n; i++) {
				boolean answered = confidence[i] >= threshold;
				score += outOfScope[i] ? (answered ? 0 : 1) : (answered && good[i] ? 1 : 0);
			}
			if (score > bestScore) {
				bestScore = score;
				bestThreshold = threshold;
			}
		}
		return Math.min(1, bestThreshold);
	}

	static int argmax(double[] values) {
		int best = 0;
		for (int k = 1; k < values.length; k++) {
			if (values[k] > values[best]) {
				best = k;
			}
		}
		return best;
	}

	/**
	 * One held-out question's scores from scorers that did not see it: the classifier's probabilities per
	 * classifier candidate, the nearest-example and prototype cosines, BM25; {@code target} -1 for out of scope.
	 */
	record HeldOut(double[][] probabilities, double[] cosines, double[] prototypes, double[] bm25, int target) {

		/** The semantic score per label with the given prototype share; null without a semantic scorer. */
		double[] semantic(double prototypeShare) {
			return cosines == null ? null : SemanticIndex.blend(cosines, prototypes, prototypeShare);
		}
	}

	/** The three scorers trained on some of the examples; one classifier per candidate setting. */
	private record Scorers(List<SoftmaxClassifier> classifiers, SemanticIndex semantic, LexicalIndex lexical,
			int labels) {

		static Scorers train(int[] indices, List<String> texts, List<String> languages, int[] targets, int labels,
				float[][] embeddings, NgramFeatures.Sparse[] vectors, int features, boolean classifierOn,
				boolean semanticOn, boolean lexicalOn, List<SoftmaxClassifier.Settings> settings) {
			float[][] someEmbeddings = new float[indices.length][];
			NgramFeatures.Sparse[] someVectors = new NgramFeatures.Sparse[indices.length];
			int[] someTargets = new int[indices.length];
			List<String> someTexts = new ArrayList<>(indices.length);
			List<String> someLanguages = new ArrayList<>(indices.length);
			for (int n = 0; n < indices.length; n++) {
				int i = indices[n];
				someEmbeddings[n] = embeddings[i];
				someVectors[n] = vectors[i];
				someTargets[n] = targets[i];
				someTexts.add(texts.get(i));
				someLanguages.add(languages.get(i));
			}
			List<SoftmaxClassifier> classifiers = classifierOn ? settings.stream()
				.map(setting -> SoftmaxClassifier.train(someEmbeddings, someVectors, someTargets, labels, features,
						setting))
				.toList() : List.of();
			SemanticIndex semantic = semanticOn ? new SemanticIndex(someEmbeddings, someTargets, labels) : null;
			LexicalIndex lexical = lexicalOn ? LexicalIndex.build(someTexts, someLanguages, someTargets, labels) : null;
			return new Scorers(classifiers, semantic, lexical, labels);
		}

		SoftmaxClassifier classifier() {
			return classifiers.isEmpty() ? null : classifiers.getFirst();
		}

		HeldOut score(float[] embedding, NgramFeatures.Sparse vector, String text, String language, int target) {
			double[][] probabilities = new double[Math.max(1, classifiers.size())][labels];
			for (int c = 0; c < classifiers.size(); c++) {
				classifiers.get(c).probabilities(embedding, vector, probabilities[c]);
			}
			return new HeldOut(probabilities, semantic == null ? null : semantic.scores(embedding),
					semantic == null ? null : semantic.prototypes(embedding),
					lexical == null ? null : lexical.scores(text, language), target);
		}
	}
}
