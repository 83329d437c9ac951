import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import nl.baken.answering.Example;
import nl.baken.answering.QuestionMatcher;
import nl.baken.answering.SentenceEncoder;
import nl.baken.answering.Thresholds;
import nl.baken.answering.internal.IntentCsv;

/**
 * Few-shot experiments for the question matcher (issue 6). Embeds every text once with the bundled quantised
 * all-MiniLM-L6-v2 (or {@code -Dmodel=path/model.onnx} with the same tokenizer, which bge-small-en-v1.5 shares: e.g. its
 * .onnx from the bundled jar as target/bge.onnx with {@code -Dpool=cls}), keeping the mean, max and CLS pooling
 * of the one forward pass in target/emb-MODEL.bin, so a variant of the matcher's code is measured in seconds. Each
 * argument SET:SHOTS trains {@link QuestionMatcher} on target/intents/SET-train.csv (the first SHOTS rows per label,
 * 0 = all) and prints the accuracy on SET-test.csv and the mix the folds chose. {@code -Dpool=mean|max|cls|mean+max|
 * mean+cls} (the concatenations: each half unit length) picks the vector the matcher sees. Choose settings on
 * {@code banking77-val:10} (a split of the training set), never on the test set. Usage (bench/intents.sh writes the
 * CSVs): {@code java -cp target/classes:$(cat target/bench.classpath) bench/FewShotHarness.java banking77-val:10}
 */
public class FewShotHarness {

	static final int D = 384;

	static Map<String, float[]> cache = new HashMap<>();

	static OrtEnvironment env;

	static OrtSession session;

	static HuggingFaceTokenizer tokenizer;

	public static void main(String[] args) throws Exception {
		String model = System.getProperty("model", "q");
		Path cacheFile = Path.of("target/emb-" + model + ".bin");
		if (Files.exists(cacheFile)) {
			try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cacheFile)))) {
				int n = in.readInt();
				for (int i = 0; i < n; i++) {
					String t = in.readUTF();
					float[] v = new float[3 * D];
					for (int d = 0; d < v.length; d++) {
						v[d] = in.readFloat();
					}
					cache.put(t, v);
				}
			}
		}
		int before = cache.size();
		String pool = System.getProperty("pool", "mean");
		EmbeddingModel embeddings = new EmbeddingModel() {
			@Override
			public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
				return Response.from(segments.stream().map(s -> Embedding.from(vector(s.text(), pool, model))).toList());
			}
		};
		SentenceEncoder encoder = SentenceEncoder.of("cached", embeddings);
		for (String set : args) {
			String[] parts = set.split(":");
			List<IntentCsv.Row> train = IntentCsv.read(Path.of("target/intents/" + parts[0] + "-train.csv"), "train");
			List<IntentCsv.Row> test = IntentCsv.read(Path.of("target/intents/" + parts[0] + "-test.csv"), "test");
			int shots = Integer.parseInt(parts[1]);
			if (shots > 0) {
				train = IntentCsv.firstPerLabel(train, shots);
			}
			List<Example> examples = train.stream().map(r -> new Example(r.label(), r.text(), "en")).toList();
			long started = System.nanoTime();
			QuestionMatcher matcher = QuestionMatcher.train(examples, encoder, Thresholds.DEFAULT);
			double seconds = (System.nanoTime() - started) / 1e9;
			int right = 0;
			for (IntentCsv.Row row : test) {
				if (matcher.answer(row.text(), "en").matches().getFirst().label().equals(row.label())) {
					right++;
				}
			}
			System.out.printf(Locale.ROOT, "%s shots=%d pool=%s model=%s: accuracy %.2f %% (%d/%d) train %.1fs | %s%n",
					parts[0], shots, pool, model, 100.0 * right / test.size(), right, test.size(), seconds,
					matcher.describe());
		}
		if (cache.size() > before) {
			Files.createDirectories(cacheFile.getParent());
			try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cacheFile)))) {
				out.writeInt(cache.size());
				for (Map.Entry<String, float[]> e : cache.entrySet()) {
					out.writeUTF(e.getKey());
					for (float f : e.getValue()) {
						out.writeFloat(f);
					}
				}
			}
		}
	}

	static synchronized float[] raw(String text, String model) {
		float[] v = cache.get(text);
		if (v != null) {
			return v;
		}
		try {
			if (session == null) {
				env = OrtEnvironment.getEnvironment();
				OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				options.setIntraOpNumThreads(1);
				options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
				byte[] bytes;
				try (InputStream in = model.equals("q") ? FewShotHarness.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")
						: Files.newInputStream(Path.of(model))) {
					bytes = in.readAllBytes();
				}
				session = env.createSession(bytes, options);
				try (InputStream in = FewShotHarness.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
					tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true", "maxLength", "512"));
				}
			}
			Encoding encoding = tokenizer.encode(text, true, false);
			long[] ids = encoding.getIds();
			long[] shape = { 1, ids.length };
			try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
					OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
					OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape);
					OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
				float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
				v = new float[3 * D];
				java.util.Arrays.fill(v, D, 2 * D, Float.NEGATIVE_INFINITY);
				for (float[] token : tokens) {
					for (int d = 0; d < D; d++) {
						v[d] += token[d] / tokens.length;
						v[D + d] = Math.max(v[D + d], token[d]);
					}
				}
				System.arraycopy(tokens[0], 0, v, 2 * D, D);
			}
			cache.put(text, v);
			return v;
		}
		catch (Exception e) {
			throw new RuntimeException(e);
		}
	}

	static float[] unit(float[] v, int from, int to) {
		float[] out = java.util.Arrays.copyOfRange(v, from, to);
		double n = 0;
		for (float f : out) {
			n += f * f;
		}
		for (int i = 0; i < out.length; i++) {
			out[i] /= (float) Math.sqrt(n);
		}
		return out;
	}

	static float[] vector(String text, String pool, String model) {
		float[] v = raw(text, model);
		float[] mean = unit(v, 0, D);
		return switch (pool) {
			case "mean" -> mean;
			case "max" -> unit(v, D, 2 * D);
			case "cls" -> unit(v, 2 * D, 3 * D);
			default -> {
				String[] p = pool.split("\\+");
				float[] second = unit(v, p[1].equals("max") ? D : 2 * D, p[1].equals("max") ? 2 * D : 3 * D);
				float[] out = new float[2 * D];
				for (int d = 0; d < D; d++) {
					out[d] = mean[d];
					out[D + d] = second[d];
				}
				yield out;
			}
		};
	}
}
