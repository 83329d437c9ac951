import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import nl.baken.answering.Example;
import nl.baken.answering.QuestionMatcher;
import nl.baken.answering.SentenceEncoder;
import nl.baken.answering.Thresholds;
import nl.baken.answering.internal.IntentCsv;
import nl.baken.answering.internal.LexicalIndex;
import nl.baken.answering.internal.NgramFeatures;

/**
 * Where a question's time goes (issue 6, per-query p99). Trains the matcher once on TRAIN.csv, then answers every
 * question of TEST.csv for ROUNDS rounds, one at a time on one thread, and prints wall and thread-CPU percentiles per
 * round, then the same for the parts the matcher runs per question (embedding, n-gram features, BM25 search). Run
 * with {@code -XX:StartFlightRecording=...} to get a method profile. Usage (bench/intents.sh writes the CSVs):
 * {@code java -cp target/classes:$(cat target/bench.classpath) bench/MatcherProfile.java TRAIN.csv TEST.csv [ROUNDS]}
 */
public class MatcherProfile {

	static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

	public static void main(String[] args) {
		List<IntentCsv.Row> train = IntentCsv.read(Path.of(args[0]), "train");
		List<IntentCsv.Row> test = IntentCsv.read(Path.of(args[1]), "test");
		int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		List<Example> examples = train.stream().map(r -> new Example(r.label(), r.text(), "en")).toList();
		SentenceEncoder encoder = SentenceEncoder.bundled();
		long started = System.nanoTime();
		QuestionMatcher matcher = QuestionMatcher.train(examples, encoder, Thresholds.DEFAULT);
		System.out.printf(Locale.ROOT, "trained on %d examples in %.1f s%n", examples.size(),
				(System.nanoTime() - started) / 1e9);
		List<String> questions = test.stream().map(IntentCsv.Row::text).toList();
		for (int i = 0; i < 200; i++) {
			matcher.answer(examples.get(i * examples.size() / 200).text(), "en");
		}
		for (int round = 1; round <= rounds; round++) {
			time("answer, round " + round, questions, q -> matcher.answer(q, "en"));
		}
		List<String> texts = train.stream().map(IntentCsv.Row::text).toList();
		NgramFeatures features = NgramFeatures.fit(texts);
		int[] targets = new int[texts.size()];
		LexicalIndex lexical = LexicalIndex.build(texts, texts.stream().map(t -> "en").toList(), targets, 1);
		for (int round = 1; round <= 2; round++) {
			time("embedding", questions, encoder::embed);
			time("n-gram features", questions, features::vector);
			time("BM25", questions, q -> lexical.scores(q, "en"));
		}
	}

	static void time(String what, List<String> questions, Consumer<String> work) {
		long[] wall = new long[questions.size()];
		long[] cpu = new long[questions.size()];
		for (int i = 0; i < questions.size(); i++) {
			long cpuBefore = THREAD.getCurrentThreadCpuTime();
			long before = System.nanoTime();
			work.accept(questions.get(i));
			wall[i] = System.nanoTime() - before;
			cpu[i] = THREAD.getCurrentThreadCpuTime() - cpuBefore;
		}
		System.out.printf(Locale.ROOT, "%-22s wall p50 %6.3f p99 %6.3f mean %6.3f ms | cpu p50 %6.3f p99 %6.3f ms%n",
				what, pct(wall, 0.5), pct(wall, 0.99), Arrays.stream(wall).average().orElse(0) / 1e6, pct(cpu, 0.5),
				pct(cpu, 0.99));
	}

	static double pct(long[] values, double p) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}
}
