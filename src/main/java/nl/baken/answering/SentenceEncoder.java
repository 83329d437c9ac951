package nl.baken.answering;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import nl.baken.answering.internal.AttentionFusion;
import nl.baken.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a sentence into a unit-length vector with an in-process ONNX model (no network). Which model is a setting
 * ({@code baken.answering.embedding.model}):
 * <ul>
 * <li>{@code bge-small-en-v1.5-q} (default): the quantised English BAAI bge-small-en-v1.5 that ships inside the jar
 * (12 layers, CLS pooling);</li>
 * <li>{@code all-minilm-l6-v2-q}: the quantised English all-MiniLM-L6-v2, also inside the jar: half the layers, about
 * two thirds of the time per question, and less accurate (docs/benchmarks.md, issue 6);</li>
 * <li>a path to an {@code .onnx} file of a BERT-style sentence encoder, with
 * {@code baken.answering.embedding.tokenizer} naming its HuggingFace {@code tokenizer.json} and
 * {@code baken.answering.embedding.pooling} {@code mean} (default) or {@code cls} — e.g. a multilingual model for
 * Dutch;</li>
 * <li>the class name of any LangChain4j {@link EmbeddingModel} with a no-argument constructor on the class path;</li>
 * <li>{@code none}: no semantic part, lexical search and the n-gram classifier only.</li>
 * </ul>
 * An ONNX model's quantised self-attention is fused into ONNX Runtime's {@code QAttention} before the session is made
 * ({@link AttentionFusion}): the same vectors, about a tenth faster.
 */
public final class SentenceEncoder {

	private static final Logger log = LoggerFactory.getLogger(SentenceEncoder.class);

	public static final String BUNDLED = "bge-small-en-v1.5-q";

	public static final String MINILM = "all-minilm-l6-v2-q";

	public static final String NONE = "none";

	/**
	 * A question is embedded from its first this many words. The embedding's cost grows with the text and the longest
	 * few per cent of questions set the p99; the opening words carry the question, and the classifier's n-grams and
	 * BM25 still read all of it. With bge-small-en-v1.5 on BANKING77 (2-core machine, 2026-11-27), 24 words against
	 * 32: full set 94.45 against 94.64 % at p99 11.9 against 16.9 ms; 10-shot 87.21 against 87.34 %. Examples are
	 * embedded whole: training is not latency-bound.
	 */
	public static final int QUESTION_WORDS = 24;

	/**
	 * Cosine at or above which two questions ask the same thing, chosen per bundled model on all pairs of the 3,080
	 * BANKING77 test questions at about the same precision: for all-MiniLM-L6-v2 0.70 (two pairs in three above it
	 * share their intent, 29 % of same-intent pairs reach it), for bge-small-en-v1.5 0.85 (70 %, 34 %), whose cosines
	 * lie closer together. Any other model starts at 0.70; {@link #withSameQuestion} sets its own.
	 */
	private static final double SAME_QUESTION = 0.70;

	private static final double SAME_QUESTION_BGE = 0.85;

	private final String name;

	private final Function<String, float[]> model;

	private final double sameQuestion;

	private SentenceEncoder(String name, Function<String, float[]> model, double sameQuestion) {
		this.name = name;
		this.model = model;
		this.sameQuestion = sameQuestion;
	}

	/** No semantic part. */
	public static SentenceEncoder none() {
		return new SentenceEncoder(NONE, null, SAME_QUESTION);
	}

	public static SentenceEncoder bundled() {
		return configured(BUNDLED, null, null);
	}

	/** @param model see the class comment; {@code tokenizer} and {@code pooling} only for an {@code .onnx} path */
	public static SentenceEncoder configured(String model, String tokenizer, String pooling) {
		String name = model == null || model.isBlank() ? BUNDLED : model.strip();
		if (name.equals(NONE)) {
			return none();
		}
		if (name.equals(BUNDLED)) {
			return onnx(name, resource("/bge-small-en-v1.5-q.onnx"), resource("/bge-small-en-v1.5-q-tokenizer.json"),
					PoolingMode.CLS).withSameQuestion(SAME_QUESTION_BGE);
		}
		if (name.equals(MINILM)) {
			return onnx(name, resource("/all-minilm-l6-v2-q.onnx"), resource("/all-minilm-l6-v2-q-tokenizer.json"),
					PoolingMode.MEAN);
		}
		if (name.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
			if (tokenizer == null || tokenizer.isBlank()) {
				throw new InvalidInputException("baken.answering.embedding.tokenizer",
						"an ONNX embedding model needs baken.answering.embedding.tokenizer (its tokenizer.json)");
			}
			try (InputStream tokens = Files.newInputStream(Path.of(tokenizer.strip()))) {
				return onnx(name, Files.readAllBytes(Path.of(name)), tokens.readAllBytes(), pooling(pooling));
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot read embedding model " + name + " or its tokenizer", e);
			}
		}
		return ofClass(name);
	}

	/** Wraps any LangChain4j embedding model, e.g. one a test builds. */
	public static SentenceEncoder of(String name, EmbeddingModel model) {
		return new SentenceEncoder(name, text -> model.embed(text).content().vector(), SAME_QUESTION);
	}

	/** The same model with another {@link #sameQuestion()} cosine, e.g. measured for a configured model. */
	public SentenceEncoder withSameQuestion(double cosine) {
		if (!(cosine > 0 && cosine < 1)) {
			throw new InvalidInputException("baken.answering.embedding.same-question",
					"the same-question cosine lies between 0 and 1, not " + cosine);
		}
		return new SentenceEncoder(name, model, cosine);
	}

	public String name() {
		return name;
	}

	/** Cosine of two of this model's question vectors at or above which they ask the same thing. */
	public double sameQuestion() {
		return sameQuestion;
	}

	public boolean enabled() {
		return model != null;
	}

	/** A unit-length vector for the text. */
	public float[] embed(String text) {
		float[] vector = model.apply(text).clone();
		double norm = 0;
		for (float v : vector) {
			norm += v * v;
		}
		float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
		for (int i = 0; i < vector.length; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	/** A unit-length vector for a question to answer: of its first {@link #QUESTION_WORDS} words. */
	public float[] embedQuestion(String question) {
		return embed(firstWords(question, QUESTION_WORDS));
	}

	static String firstWords(String text, int words) {
		int seen = 0;
		boolean inWord = false;
		for (int i = 0; i < text.length(); i++) {
			boolean space = Character.isWhitespace(text.charAt(i));
			if (!space && !inWord && ++seen > words) {
				return text.substring(0, i).strip();
			}
			inWord = !space;
		}
		return text;
	}

	/** Embeds many texts on all cores; one ONNX session serves every thread. */
	public float[][] embedAll(List<String> texts) {
		float[][] vectors = new float[texts.size()][];
		int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), texts.size() / 16));
		if (threads == 1) {
			for (int i = 0; i < vectors.length; i++) {
				vectors[i] = embed(texts.get(i));
			}
			return vectors;
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> parts = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int first = t;
				parts.add(pool.submit(() -> {
					for (int i = first; i < vectors.length; i += threads) {
						vectors[i] = embed(texts.get(i));
					}
				}));
			}
			for (Future<?> part : parts) {
				part.get();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while embedding", e);
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
		}
		return vectors;
	}

	private static PoolingMode pooling(String pooling) {
		if (pooling == null || pooling.isBlank() || pooling.strip().equalsIgnoreCase("mean")) {
			return PoolingMode.MEAN;
		}
		if (pooling.strip().equalsIgnoreCase("cls")) {
			return PoolingMode.CLS;
		}
		throw new InvalidInputException("baken.answering.embedding.pooling", "pooling must be mean or cls");
	}

	private static byte[] resource(String name) {
		try (InputStream in = SentenceEncoder.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("embedding model resource " + name + " is not on the class path");
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	// One intra-op thread per session: the matcher parallelises across texts itself, and on a busy machine several
	// threads per text mostly wait for each other (measured: 4.6 ms vs 2.2 ms per text on the quantised model).
	private static SentenceEncoder onnx(String name, byte[] model, byte[] tokenizer, PoolingMode pooling) {
		try {
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			OrtSession.SessionOptions options = new OrtSession.SessionOptions();
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			OrtSession session = session(environment, model, options, name);
			OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session,
					new java.io.ByteArrayInputStream(tokenizer), pooling);
			return of(name, new InProcessModel(encoder));
		}
		catch (OrtException e) {
			throw new IllegalStateException("cannot load ONNX embedding model " + name + ": " + e.getMessage(), e);
		}
	}

	/** A session of the model with its attention fused, or of the model as it is when ONNX Runtime refuses that. */
	private static OrtSession session(OrtEnvironment environment, byte[] model, OrtSession.SessionOptions options,
			String name) throws OrtException {
		byte[] fused = AttentionFusion.apply(model);
		if (fused != model) {
			try {
				return environment.createSession(fused, options);
			}
			catch (OrtException e) {
				log.warn("Embedding model {} runs without fused attention: ONNX Runtime refused it ({})", name,
						e.getMessage());
			}
		}
		return environment.createSession(model, options);
	}

	private static SentenceEncoder ofClass(String className) {
		try {
			Object model = Class.forName(className).getConstructor().newInstance();
			if (model instanceof EmbeddingModel embeddingModel) {
				return of(className, embeddingModel);
			}
			throw new InvalidInputException("baken.answering.embedding.model",
					className + " is not a LangChain4j EmbeddingModel");
		}
		catch (ReflectiveOperationException e) {
			throw new InvalidInputException("baken.answering.embedding.model", "embedding model '" + className
					+ "' is neither " + BUNDLED + ", " + MINILM + ", " + NONE + ", an .onnx file nor a loadable class: "
					+ e);
		}
	}

	/** LangChain4j keeps the encoder's embed method for its own subclasses. */
	private static final class InProcessModel extends AbstractInProcessEmbeddingModel {

		private final OnnxBertBiEncoder encoder;

		InProcessModel(OnnxBertBiEncoder encoder) {
			super(null);
			this.encoder = encoder;
		}

		@Override
		protected OnnxBertBiEncoder model() {
			return encoder;
		}
	}
}
