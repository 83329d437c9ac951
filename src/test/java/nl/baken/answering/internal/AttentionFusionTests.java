package nl.baken.answering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import nl.baken.RandomInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused attention of the two encoders in the jar: every layer is fused, the hidden states are those of the
 * original graph for random token sequences with padding, and a model the rewrite does not recognise is left as it is.
 */
class AttentionFusionTests {

	private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

	@ParameterizedTest
	@CsvSource({ "/bge-small-en-v1.5-q.onnx, 12", "/all-minilm-l6-v2-q.onnx, 6" })
	void everyLayerOfTheBundledEncodersIsFused(String resource, int layers) {
		OnnxGraph fused = new OnnxGraph(AttentionFusion.apply(model(resource)));

		assertThat(fused.nodes).filteredOn(node -> node.opType().equals("QAttention")).hasSize(layers);
		assertThat(fused.nodes).noneMatch(node -> node.opType().equals("Softmax"));
		assertThat(fused.nodes).noneMatch(node -> node.opType().equals("MatMulInteger")
				&& node.name().contains("attention/self"));
	}

	@ParameterizedTest
	@CsvSource({ "/bge-small-en-v1.5-q.onnx", "/all-minilm-l6-v2-q.onnx" })
	void theFusedGraphComputesTheOriginalHiddenStates(String resource) throws OrtException {
		byte[] original = model(resource);
		try (OrtSession before = session(original); OrtSession after = session(AttentionFusion.apply(original))) {
			RandomInput.tries(15, random -> {
				Batch batch = Batch.random(random);
				float[][][] expected = batch.run(before);
				float[][][] actual = batch.run(after);
				for (int row = 0; row < batch.ids().length; row++) {
					for (int token = 0; token < batch.lengths()[row]; token++) {
						for (int d = 0; d < expected[row][token].length; d++) {
							assertThat(Math.abs(actual[row][token][d] - expected[row][token][d]))
								.as("row %d token %d dimension %d", row, token, d)
								.isLessThan(1e-4f);
						}
					}
				}
			});
		}
	}

	@Test
	void aModelTheRewriteDoesNotRecogniseIsReturnedAsItIs() {
		byte[] fused = AttentionFusion.apply(model("/all-minilm-l6-v2-q.onnx"));
		byte[] notAModel = "not an onnx model".getBytes(StandardCharsets.UTF_8);

		assertThat(AttentionFusion.apply(fused)).isSameAs(fused);
		assertThat(AttentionFusion.apply(notAModel)).isSameAs(notAModel);
	}

	/** Token ids of a few rows, each row padded after its own length. */
	private record Batch(long[][] ids, int[] lengths) {

		static Batch random(Random random) {
			int rows = 1 + random.nextInt(3);
			int width = 1 + random.nextInt(40);
			long[][] ids = new long[rows][width];
			int[] lengths = new int[rows];
			for (int row = 0; row < rows; row++) {
				lengths[row] = row == 0 ? width : 1 + random.nextInt(width);
				ids[row][0] = 101;
				for (int token = 1; token < lengths[row]; token++) {
					ids[row][token] = 1000 + random.nextInt(29_000);
				}
			}
			return new Batch(ids, lengths);
		}

		float[][][] run(OrtSession session) {
			long[][] mask = new long[ids.length][ids[0].length];
			for (int row = 0; row < ids.length; row++) {
				for (int token = 0; token < lengths[row]; token++) {
					mask[row][token] = 1;
				}
			}
			try (OnnxTensor input = OnnxTensor.createTensor(ORT, ids);
					OnnxTensor attention = OnnxTensor.createTensor(ORT, mask);
					OnnxTensor types = OnnxTensor.createTensor(ORT, new long[ids.length][ids[0].length]);
					OrtSession.Result result = session.run(
							Map.of("input_ids", input, "attention_mask", attention, "token_type_ids", types))) {
				return (float[][][]) result.get(0).getValue();
			}
			catch (OrtException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	private static OrtSession session(byte[] model) throws OrtException {
		OrtSession.SessionOptions options = new OrtSession.SessionOptions();
		options.setIntraOpNumThreads(1);
		return ORT.createSession(model, options);
	}

	private static byte[] model(String resource) {
		try (InputStream in = AttentionFusionTests.class.getResourceAsStream(resource)) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
