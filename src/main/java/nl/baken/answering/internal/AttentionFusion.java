package nl.baken.answering.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.ByteString;
import nl.baken.answering.internal.OnnxGraph.Node;
import nl.baken.answering.internal.OnnxGraph.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the self-attention of a dynamically quantised BERT encoder into ONNX Runtime's fused {@code QAttention}
 * operator, which computes the same numbers. ONNX Runtime fuses attention itself only in an unquantised graph, and the
 * quantised encoders that ship in the jar (as ONNX Runtime's dynamic quantiser writes them) keep it as about thirty
 * small operators per layer: three integer matrix products, reshapes, transposes, two matrix products and a softmax.
 * One {@code QAttention} per layer does the three projections as one product and the rest in one kernel; for
 * bge-small-en-v1.5 that takes about a tenth off a question's embedding (docs/benchmarks.md, issue 6).
 *
 * <p>A layer is rewritten only when it has exactly that shape, with the padding mask of a bidirectional encoder; a
 * model in any other form is returned unchanged.
 */
public final class AttentionFusion {

	private static final Logger log = LoggerFactory.getLogger(AttentionFusion.class);

	private static final String MICROSOFT = "com.microsoft";

	private AttentionFusion() {
	}

	/** The model with each recognised attention fused; the same bytes when none is recognised. */
	public static byte[] apply(byte[] model) {
		OnnxGraph graph;
		try {
			graph = new OnnxGraph(model);
		}
		catch (IllegalArgumentException e) {
			return model;
		}
		if (graph.nodes.stream().anyMatch(Node::hasSubgraph)) {
			return model; // values read inside a subgraph are invisible to the rewrite's clean-up
		}
		List<Layer> layers = new ArrayList<>();
		for (Node node : graph.nodes) {
			if (node.opType().equals("Softmax")) {
				Layer layer = Layer.match(graph, node);
				if (layer != null) {
					layers.add(layer);
				}
			}
		}
		if (layers.isEmpty() || layers.stream().map(Layer::maskInput).distinct().count() != 1) {
			return model;
		}
		String mask = "baken_attention_mask_int32";
		graph.nodes.add(new Node(mask, "Cast", "", List.of(layers.getFirst().maskInput()), List.of(mask),
				List.of(Node.intAttribute("to", OnnxGraph.INT32))));
		for (int i = 0; i < layers.size(); i++) {
			layers.get(i).fuse(graph, "baken_fused_attention_" + i, mask);
		}
		byte[] fused = graph.toBytes(MICROSOFT, 1);
		log.debug("Fused {} attention layers of the sentence encoder into QAttention", layers.size());
		return fused;
	}

	/**
	 * One layer's attention: {@code softmax(Q·Kᵀ / √head + mask)·V}, with Q, K and V each
	 * {@code bias + integer(x)·integer(W) · scale(x)·scale(W)}.
	 */
	private record Layer(String quantizedInput, String inputScale, String inputZeroPoint, List<Projection> projections,
			int heads, String maskInput, Node last) {

		static Layer match(OnnxGraph graph, Node softmax) {
			Node add = producer(graph, softmax.input(0), "Add");
			Node divide = add == null ? null : producer(graph, add.input(0), "Div");
			Node scores = divide == null ? null : producer(graph, divide.input(0), "MatMul");
			List<Node> applied = graph.consumers(softmax.outputs().getFirst());
			long[] axis = softmax.ints("axis");
			if (axis == null || axis[0] != 3 && axis[0] != -1) {
				return null; // over the keys, the last of [batch, heads, query, key]
			}
			if (scores == null || applied.size() != 1 || !applied.getFirst().opType().equals("MatMul")
					|| !softmax.outputs().getFirst().equals(applied.getFirst().input(0))) {
				return null;
			}
			Node heads = only(graph, applied.getFirst(), "Transpose");
			Node last = heads == null ? null : only(graph, heads, "Reshape");
			String maskInput = maskInput(graph, add.input(1));
			Projection query = Projection.match(graph, scores.input(0), 0, 2, 1, 3);
			Projection key = Projection.match(graph, scores.input(1), 0, 2, 3, 1);
			Projection value = Projection.match(graph, applied.getFirst().input(1), 0, 2, 1, 3);
			if (last == null || maskInput == null || query == null || key == null || value == null
					|| !permutation(heads, 0, 2, 1, 3)) {
				return null;
			}
			List<Projection> projections = List.of(query, key, value);
			for (Projection projection : projections) {
				if (!projection.input().equals(query.input()) || !projection.inputScale().equals(query.inputScale())
						|| !projection.inputZeroPoint().equals(query.inputZeroPoint())
						|| projection.heads() != query.heads() || projection.bias().length != query.bias().length
						|| projection.weight().dataType() != query.weight().dataType()
						|| projection.weight().dims()[0] != query.weight().dims()[0]
						|| projection.weightZeroPoint().dataType() != query.weight().dataType()) {
					return null;
				}
			}
			Node quantize = graph.producer(query.input());
			int weightType = query.weight().dataType();
			if (quantize == null || !quantize.opType().equals("DynamicQuantizeLinear")
					|| !quantize.outputs().equals(List.of(query.input(), query.inputScale(), query.inputZeroPoint()))
					|| weightType != OnnxGraph.INT8 && weightType != OnnxGraph.UINT8) {
				return null; // QAttention takes unsigned 8-bit input and 8-bit weights only
			}
			int hidden = query.bias().length;
			Tensor scale = graph.constant(divide.input(1));
			if (scale == null || scale.dataType() != OnnxGraph.FLOAT || scale.size() != 1 || hidden % query.heads() != 0
					|| Math.abs(scale.floats()[0] - Math.sqrt(hidden / (double) query.heads())) > 1e-4) {
				return null;
			}
			return new Layer(query.input(), query.inputScale(), query.inputZeroPoint(), projections, query.heads(),
					maskInput, last);
		}

		void fuse(OnnxGraph graph, String name, String mask) {
			int hidden = projections.getFirst().bias().length;
			float[] bias = new float[3 * hidden];
			float[] weightScale = new float[3 * hidden];
			ByteArrayOutputStream weightZeroPoint = new ByteArrayOutputStream();
			int rows = (int) projections.getFirst().weight().dims()[0];
			byte[] weight = new byte[rows * 3 * hidden];
			for (int p = 0; p < 3; p++) {
				Projection projection = projections.get(p);
				System.arraycopy(projection.bias(), 0, bias, p * hidden, hidden);
				System.arraycopy(projection.weightScale(), 0, weightScale, p * hidden, hidden);
				weightZeroPoint.writeBytes(projection.weightZeroPoint().raw().toByteArray());
				byte[] columns = projection.weight().raw().toByteArray();
				for (int row = 0; row < rows; row++) {
					System.arraycopy(columns, row * hidden, weight, (row * 3 + p) * hidden, hidden);
				}
			}
			int type = projections.getFirst().weight().dataType();
			add(graph, Tensor.ofFloats(name + "_bias", bias));
			add(graph, Tensor.ofFloats(name + "_weight_scale", weightScale));
			add(graph, new Tensor(name + "_weight", type, new long[] { rows, 3L * hidden }, ByteString.copyFrom(weight)));
			add(graph, new Tensor(name + "_weight_zero_point", type, new long[] { 3L * hidden },
					ByteString.copyFrom(weightZeroPoint.toByteArray())));
			graph.nodes.set(graph.nodes.indexOf(last),
					new Node(name, "QAttention", MICROSOFT,
							List.of(quantizedInput, name + "_weight", name + "_bias", inputScale,
									name + "_weight_scale", mask, inputZeroPoint, name + "_weight_zero_point"),
							last.outputs(), List.of(Node.intAttribute("num_heads", heads))));
		}

		private static void add(OnnxGraph graph, Tensor tensor) {
			graph.initializers.put(tensor.name(), tensor);
		}

		/** The graph input the additive mask {@code (1 − mask) · min} is made from. */
		private static String maskInput(OnnxGraph graph, String value) {
			Node node = graph.producer(value);
			for (int depth = 0; node != null && depth < 8; depth++) {
				String next = null;
				for (String input : node.inputs()) {
					if (graph.inputs.contains(input)) {
						return input;
					}
					if (graph.constant(input) == null && graph.producer(input) != null) {
						next = next == null ? input : "";
					}
				}
				node = next == null || next.isEmpty() ? null : graph.producer(next);
			}
			return null;
		}
	}

	/**
	 * {@code Transpose(Reshape(bias + Mul(Cast(MatMulInteger(x, W, x₀, W₀)), scale(x)·scale(W))))} into heads.
	 */
	private record Projection(String input, String inputScale, String inputZeroPoint, Tensor weight,
			Tensor weightZeroPoint, float[] weightScale, float[] bias, int heads) {

		static Projection match(OnnxGraph graph, String value, long... permutation) {
			Node transpose = producer(graph, value, "Transpose");
			Node reshape = transpose == null ? null : producer(graph, transpose.input(0), "Reshape");
			Node add = reshape == null ? null : producer(graph, reshape.input(0), "Add");
			if (!permutation(transpose, permutation) || add == null) {
				return null;
			}
			int constantSide = graph.constant(add.input(0)) != null ? 0 : 1;
			Tensor bias = graph.constant(add.input(constantSide));
			Node multiply = producer(graph, add.input(1 - constantSide), "Mul");
			Node cast = multiply == null ? null : producer(graph, multiply.input(0), "Cast");
			Node product = cast == null ? null : producer(graph, cast.input(0), "MatMulInteger");
			Node scales = multiply == null ? null : producer(graph, multiply.input(1), "Mul");
			long[] castTo = cast == null ? null : cast.ints("to");
			if (bias == null || bias.dataType() != OnnxGraph.FLOAT || product == null || scales == null
					|| product.inputs().size() != 4 || castTo == null || castTo[0] != OnnxGraph.FLOAT) {
				return null;
			}
			Tensor weight = graph.constant(product.input(1));
			Tensor weightZeroPoint = graph.constant(product.input(3));
			Tensor weightScale = graph.constant(scales.input(1));
			int hidden = (int) bias.size();
			if (weight == null || weightZeroPoint == null || weightScale == null || weight.dims().length != 2
					|| weight.dims()[1] != hidden || weightScale.dataType() != OnnxGraph.FLOAT
					|| !perTensorOrColumn(weightScale, hidden) || !perTensorOrColumn(weightZeroPoint, hidden)
					|| graph.constant(scales.input(0)) != null) {
				return null;
			}
			int heads = heads(graph, reshape.input(1), hidden);
			if (heads <= 0) {
				return null;
			}
			return new Projection(product.input(0), scales.input(0), product.input(2), weight,
					perColumn(weightZeroPoint, hidden), perColumnScale(weightScale, hidden), bias.floats(), heads);
		}

		/** The heads in a reshape to {@code [batch, sequence, heads, head size]}, or 0. */
		private static int heads(OnnxGraph graph, String shape, int hidden) {
			Tensor constant = graph.constant(shape);
			long[] dims = null;
			if (constant != null && constant.dataType() == OnnxGraph.INT64) {
				dims = constant.longs();
			}
			Node concat = graph.producer(shape);
			if (dims == null && concat != null && concat.opType().equals("Concat") && concat.inputs().size() == 4) {
				Tensor heads = graph.constant(concat.input(2));
				Tensor size = graph.constant(concat.input(3));
				if (heads != null && size != null && heads.dataType() == OnnxGraph.INT64
						&& size.dataType() == OnnxGraph.INT64 && heads.size() == 1 && size.size() == 1) {
					dims = new long[] { 0, 0, heads.longs()[0], size.longs()[0] };
				}
			}
			return dims != null && dims.length == 4 && dims[2] > 0 && dims[2] * dims[3] == hidden ? (int) dims[2] : 0;
		}

		private static boolean perTensorOrColumn(Tensor tensor, int hidden) {
			return tensor.size() == 1 || tensor.dims().length == 1 && tensor.size() == hidden;
		}

		private static Tensor perColumn(Tensor zeroPoint, int hidden) {
			if (zeroPoint.size() == hidden) {
				return zeroPoint;
			}
			byte[] each = new byte[hidden];
			Arrays.fill(each, zeroPoint.raw().byteAt(0));
			return new Tensor(zeroPoint.name(), zeroPoint.dataType(), new long[] { hidden }, ByteString.copyFrom(each));
		}

		private static float[] perColumnScale(Tensor scale, int hidden) {
			float[] values = scale.floats();
			if (values.length == hidden) {
				return values;
			}
			float[] each = new float[hidden];
			Arrays.fill(each, values[0]);
			return each;
		}
	}

	private static Node producer(OnnxGraph graph, String value, String opType) {
		Node node = graph.producer(value);
		return node != null && node.opType().equals(opType) && node.domain().isEmpty() ? node : null;
	}

	/**
	 * The one node of the given type reading {@code node}'s output. Other readers (the exporter's {@code Shape}
	 * nodes) may remain: a replaced node's inputs stay in the graph for as long as anything reads them.
	 */
	private static Node only(OnnxGraph graph, Node node, String opType) {
		List<Node> readers = graph.consumers(node.outputs().getFirst())
			.stream()
			.filter(reader -> reader.opType().equals(opType))
			.toList();
		return readers.size() == 1 ? readers.getFirst() : null;
	}

	private static boolean permutation(Node transpose, long... expected) {
		return transpose != null && Arrays.equals(transpose.ints("perm"), expected);
	}
}
