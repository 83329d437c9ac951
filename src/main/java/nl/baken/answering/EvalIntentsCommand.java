package nl.baken.answering;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nl.baken.answering.internal.IntentCsv;
import nl.baken.shared.Command;
import nl.baken.shared.CommandArguments;
import nl.baken.shared.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval-intents --train TRAIN.csv --test TEST.csv [--oos-label oos] [--shots K] ...}: trains a
 * {@link QuestionMatcher} on one CSV ({@code text,label}) and prints one JSON line with its figures on the other:
 * accuracy and macro-F1 over the in-scope questions, out-of-scope precision and recall (when the test has rows
 * labelled {@code --oos-label}; the threshold comes from the training data only: from its out-of-scope rows when it
 * has them, otherwise the answer threshold), answer coverage, the coverage/accuracy trade-off per threshold, training
 * time and per-question latency (wall clock and CPU time of the answering thread, after a warm-up on training
 * questions). Reads only the two files; no network.
 */
public final class EvalIntentsCommand implements Command {

	private static final Set<String> OPTIONS = Set.of("train", "test", "oos-label", "shots", "language",
			"answer-threshold", "scorers", "embedding-model", "embedding-tokenizer", "embedding-pooling");

	private static final double[] TRADE_OFF = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95 };

	// A server that has answered for a minute is warm: 1,000 answers let the JIT finish compiling the per-question path
	// (after 200, the first pass over the BANKING77 test set had a CPU p99 of 10.5 ms, the second 8.7 ms).
	private static final int WARM_UP = 1000;

	@Override
	public String name() {
		return "eval-intents";
	}

	@Override
	public String usage() {
		return "eval-intents --train TRAIN.csv --test TEST.csv [--oos-label oos] [--shots K] [--language en|nl] "
				+ "[--answer-threshold 0.6] [--scorers classifier,semantic,lexical] [--embedding-model "
				+ SentenceEncoder.BUNDLED + "|" + SentenceEncoder.MINILM
				+ "|none|FILE.onnx|CLASS --embedding-tokenizer tokenizer.json --embedding-pooling mean|cls]";
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		CommandArguments arguments = CommandArguments.parse(args, OPTIONS);
		String oosLabel = arguments.has("oos-label") ? arguments.text("oos-label") : "oos";
		String language = Languages.normalise(arguments.has("language") ? arguments.text("language") : "en");
		double answerThreshold = arguments.number("answer-threshold", Thresholds.DEFAULT.answer());
		if (answerThreshold < 0 || answerThreshold > 1) {
			throw new InvalidInputException("--answer-threshold", "--answer-threshold must be between 0 and 1");
		}
		Thresholds thresholds = new Thresholds(answerThreshold,
				Math.min(answerThreshold, Thresholds.DEFAULT.suggest()));
		Set<Scorer> scorers = scorers(arguments);
		List<IntentCsv.Row> train = IntentCsv.read(Path.of(arguments.text("train")), "--train");
		List<IntentCsv.Row> test = IntentCsv.read(Path.of(arguments.text("test")), "--test");
		if (arguments.has("shots")) {
			int shots = arguments.whole("shots");
			if (shots < 1) {
				throw new InvalidInputException("--shots", "--shots must be at least 1");
			}
			train = IntentCsv.firstPerLabel(train, shots);
		}
		List<Example> examples = new ArrayList<>();
		List<Example> outOfScope = new ArrayList<>();
		for (IntentCsv.Row row : train) {
			(row.label().equals(oosLabel) ? outOfScope : examples).add(new Example(row.label(), row.text(), language));
		}
		if (examples.isEmpty()) {
			throw new InvalidInputException("--train", "--train has no in-scope rows");
		}
		if (test.isEmpty()) {
			throw new InvalidInputException("--test", "--test has no rows");
		}
		SentenceEncoder encoder = SentenceEncoder.configured(
				arguments.has("embedding-model") ? arguments.text("embedding-model") : null,
				arguments.has("embedding-tokenizer") ? arguments.text("embedding-tokenizer") : null,
				arguments.has("embedding-pooling") ? arguments.text("embedding-pooling") : null);

		// Wall-clock figures depend on what else the machine runs; CPU time shows what the work itself costs.
		com.sun.management.OperatingSystemMXBean system = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		ThreadMXBean thread = ManagementFactory.getThreadMXBean();
		long started = System.nanoTime();
		long startedCpu = system.getProcessCpuTime();
		QuestionMatcher matcher = QuestionMatcher.train(examples, outOfScope, encoder, thresholds, scorers);
		double trainSeconds = (System.nanoTime() - started) / 1e9;
		double trainCpuSeconds = (system.getProcessCpuTime() - startedCpu) / 1e9;

		for (int i = 0; i < WARM_UP; i++) {
			matcher.answer(examples.get((int) ((long) i * examples.size() / WARM_UP)).text(), language);
		}
		int n = test.size();
		String[] predicted = new String[n];
		double[] confidence = new double[n];
		long[] nanos = new long[n];
		long[] cpuNanos = new long[n];
		for (int i = 0; i < n; i++) {
			long before = System.nanoTime();
			long beforeCpu = thread.getCurrentThreadCpuTime();
			Answer answer = matcher.answer(test.get(i).text(), language);
			cpuNanos[i] = thread.getCurrentThreadCpuTime() - beforeCpu;
			nanos[i] = System.nanoTime() - before;
			predicted[i] = answer.matches().isEmpty() ? null : answer.matches().getFirst().label();
			confidence[i] = answer.confidence();
		}
		out.println(JsonMapper.builder().build().writeValueAsString(figures(matcher, encoder, examples, outOfScope,
				test, oosLabel, predicted, confidence, nanos, cpuNanos, trainSeconds, trainCpuSeconds, thresholds)));
		return 0;
	}

	private static Set<Scorer> scorers(CommandArguments arguments) {
		if (!arguments.has("scorers")) {
			return Scorer.ALL;
		}
		Set<Scorer> scorers = EnumSet.noneOf(Scorer.class);
		for (String name : arguments.text("scorers").split(",")) {
			try {
				scorers.add(Scorer.valueOf(name.strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInputException("--scorers",
						"--scorers takes classifier, semantic and lexical, not '" + name.strip() + "'");
			}
		}
		return scorers;
	}

	static Map<String, Object> figures(QuestionMatcher matcher, SentenceEncoder encoder, List<Example> examples,
			List<Example> outOfScope, List<IntentCsv.Row> test, String oosLabel, String[] predicted,
			double[] confidence, long[] nanos, long[] cpuNanos, double trainSeconds, double trainCpuSeconds,
			Thresholds thresholds) {
		int n = test.size();
		boolean[] isOos = new boolean[n];
		int inScope = 0;
		int correct = 0;
		for (int i = 0; i < n; i++) {
			isOos[i] = test.get(i).label().equals(oosLabel);
			if (!isOos[i]) {
				inScope++;
				correct += test.get(i).label().equals(predicted[i]) ? 1 : 0;
			}
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("trainExamples", examples.size());
		figures.put("trainOutOfScope", outOfScope.size());
		figures.put("labels", matcher.labels().size());
		figures.put("testQuestions", n);
		figures.put("embeddingModel", encoder.name());
		figures.put("accuracy", round(inScope == 0 ? 0 : (double) correct / inScope));
		figures.put("macroF1", round(macroF1(test, isOos, predicted)));
		int oosCount = 0;
		for (boolean oos : isOos) {
			oosCount += oos ? 1 : 0;
		}
		if (oosCount > 0) {
			boolean fromTraining = matcher.outOfScopeThreshold().isPresent();
			double threshold = fromTraining ? matcher.outOfScopeThreshold().getAsDouble() : thresholds.answer();
			int flagged = 0;
			int flaggedRightly = 0;
			int right = 0;
			for (int i = 0; i < n; i++) {
				boolean rejected = confidence[i] < threshold;
				flagged += rejected ? 1 : 0;
				flaggedRightly += rejected && isOos[i] ? 1 : 0;
				right += isOos[i] ? (rejected ? 1 : 0) : (!rejected && test.get(i).label().equals(predicted[i]) ? 1 : 0);
			}
			figures.put("oosThreshold", round(threshold));
			figures.put("oosThresholdFrom", fromTraining ? "training folds" : "answer threshold");
			figures.put("oosPrecision", round(flagged == 0 ? 0 : (double) flaggedRightly / flagged));
			figures.put("oosRecall", round((double) flaggedRightly / oosCount));
			figures.put("overallAccuracy", round((double) right / n));
		}
		int answered = 0;
		int answeredRightly = 0;
		for (int i = 0; i < n; i++) {
			if (!isOos[i] && confidence[i] >= thresholds.answer()) {
				answered++;
				answeredRightly += test.get(i).label().equals(predicted[i]) ? 1 : 0;
			}
		}
		figures.put("answerThreshold", thresholds.answer());
		figures.put("coverage", round(inScope == 0 ? 0 : (double) answered / inScope));
		figures.put("answeredAccuracy", round(answered == 0 ? 0 : (double) answeredRightly / answered));
		figures.put("meanConfidence", round(Arrays.stream(confidence).average().orElse(0)));
		List<Map<String, Object>> tradeOff = new ArrayList<>();
		for (double threshold : TRADE_OFF) {
			int covered = 0;
			int coveredRightly = 0;
			int oosAnswered = 0;
			for (int i = 0; i < n; i++) {
				if (confidence[i] >= threshold) {
					if (isOos[i]) {
						oosAnswered++;
					}
					else {
						covered++;
						coveredRightly += test.get(i).label().equals(predicted[i]) ? 1 : 0;
					}
				}
			}
			Map<String, Object> point = new LinkedHashMap<>();
			point.put("threshold", threshold);
			point.put("coverage", round(inScope == 0 ? 0 : (double) covered / inScope));
			point.put("answeredAccuracy", round(covered == 0 ? 0 : (double) coveredRightly / covered));
			if (oosCount > 0) {
				point.put("oosAnswered", round((double) oosAnswered / oosCount));
			}
			tradeOff.add(point);
		}
		figures.put("tradeOff", tradeOff);
		figures.put("trainSeconds", Math.round(trainSeconds * 100) / 100.0);
		figures.put("trainCpuSeconds", Math.round(trainCpuSeconds * 100) / 100.0);
		latency(figures, "latencyMs", nanos);
		latency(figures, "latencyCpuMs", cpuNanos);
		figures.put("scorers", matcher.describe());
		return figures;
	}

	private static void latency(Map<String, Object> figures, String name, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		figures.put(name + "Mean", round(Arrays.stream(nanos).average().orElse(0) / 1e6));
		figures.put(name + "P50", round(percentile(sorted, 0.50) / 1e6));
		figures.put(name + "P99", round(percentile(sorted, 0.99) / 1e6));
	}

	/** Unweighted mean of per-label F1 over the in-scope labels that occur in the test or the predictions. */
	static double macroF1(List<IntentCsv.Row> test, boolean[] isOos, String[] predicted) {
		Map<String, int[]> counts = new HashMap<>(); // true positives, false positives, false negatives
		Set<String> labels = new LinkedHashSet<>();
		for (int i = 0; i < test.size(); i++) {
			if (isOos[i]) {
				continue;
			}
			String truth = test.get(i).label();
			labels.add(truth);
			if (predicted[i] != null) {
				labels.add(predicted[i]);
			}
			if (truth.equals(predicted[i])) {
				counts.computeIfAbsent(truth, label -> new int[3])[0]++;
			}
			else {
				counts.computeIfAbsent(truth, label -> new int[3])[2]++;
				if (predicted[i] != null) {
					counts.computeIfAbsent(predicted[i], label -> new int[3])[1]++;
				}
			}
		}
		double sum = 0;
		for (String label : labels) {
			int[] c = counts.getOrDefault(label, new int[3]);
			double denominator = 2.0 * c[0] + c[1] + c[2];
			sum += denominator == 0 ? 0 : 2.0 * c[0] / denominator;
		}
		return labels.isEmpty() ? 0 : sum / labels.size();
	}

	/** Nearest-rank percentile of sorted values. */
	static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}
}
