package nl.baken.answering.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

/**
 * The nodes and initializers of an ONNX model, read from its protobuf wire format with field numbers from
 * {@code onnx.proto}, so that a few nodes can be replaced and everything else written back byte for byte. ONNX ships no
 * Java classes, and only these few fields are needed.
 */
final class OnnxGraph {

	// ModelProto
	private static final int MODEL_GRAPH = 7;

	private static final int MODEL_OPSET_IMPORT = 8;

	// GraphProto
	private static final int GRAPH_NODE = 1;

	private static final int GRAPH_INITIALIZER = 5;

	private static final int GRAPH_INPUT = 11;

	private static final int GRAPH_OUTPUT = 12;

	// NodeProto
	private static final int NODE_INPUT = 1;

	private static final int NODE_OUTPUT = 2;

	private static final int NODE_NAME = 3;

	private static final int NODE_OP_TYPE = 4;

	private static final int NODE_ATTRIBUTE = 5;

	private static final int NODE_DOMAIN = 7;

	// AttributeProto
	private static final int ATTRIBUTE_NAME = 1;

	private static final int ATTRIBUTE_INT = 3;

	private static final int ATTRIBUTE_TENSOR = 5;

	private static final int ATTRIBUTE_GRAPH = 6;

	private static final int ATTRIBUTE_INTS = 8;

	private static final int ATTRIBUTE_GRAPHS = 11;

	private static final int ATTRIBUTE_TYPE = 20;

	private static final int ATTRIBUTE_TYPE_INT = 2;

	// TensorProto and ValueInfoProto
	private static final int TENSOR_DIMS = 1;

	private static final int TENSOR_DATA_TYPE = 2;

	private static final int TENSOR_FLOAT_DATA = 4;

	private static final int TENSOR_INT32_DATA = 5;

	private static final int TENSOR_INT64_DATA = 7;

	private static final int TENSOR_NAME = 8;

	private static final int TENSOR_RAW_DATA = 9;

	private static final int VALUE_INFO_NAME = 1;

	// OperatorSetIdProto
	private static final int OPSET_DOMAIN = 1;

	private static final int OPSET_VERSION = 2;

	static final int FLOAT = 1;

	static final int UINT8 = 2;

	static final int INT8 = 3;

	static final int INT32 = 6;

	static final int INT64 = 7;

	/**
	 * A tensor with its values as {@code raw_data} holds them (little-endian), whichever of its fields the model stored
	 * them in. {@code original} is the tensor as read, written back unchanged; {@code null} for a new one.
	 */
	record Tensor(String name, int dataType, long[] dims, ByteString raw, ByteString original) {

		Tensor(String name, int dataType, long[] dims, ByteString raw) {
			this(name, dataType, dims, raw, null);
		}

		long size() {
			long size = 1;
			for (long dim : dims) {
				size *= dim;
			}
			return size;
		}

		float[] floats() {
			float[] values = new float[(int) size()];
			raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
			return values;
		}

		long[] longs() {
			long[] values = new long[(int) size()];
			raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
			return values;
		}

		ByteString encode() {
			if (original != null) {
				return original;
			}
			UnknownFieldSet.Builder tensor = UnknownFieldSet.newBuilder();
			UnknownFieldSet.Field.Builder dimensions = UnknownFieldSet.Field.newBuilder();
			for (long dim : dims) {
				dimensions.addVarint(dim);
			}
			tensor.addField(TENSOR_DIMS, dimensions.build());
			tensor.addField(TENSOR_DATA_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(dataType).build());
			tensor.addField(TENSOR_NAME, text(name));
			tensor.addField(TENSOR_RAW_DATA, UnknownFieldSet.Field.newBuilder().addLengthDelimited(raw).build());
			return tensor.build().toByteString();
		}

		static Tensor ofFloats(String name, float[] values) {
			ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
			raw.asFloatBuffer().put(values);
			return new Tensor(name, FLOAT, new long[] { values.length }, ByteString.copyFrom(raw.array()));
		}
	}

	/**
	 * A node; {@code attributes} are kept encoded, as the rewrite only reads a few of them. {@code original} is the
	 * node as read, written back unchanged (with its documentation); {@code null} for a node the rewrite adds.
	 */
	record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
			List<ByteString> attributes, ByteString original) {

		Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
				List<ByteString> attributes) {
			this(name, opType, domain, inputs, outputs, attributes, null);
		}

		String input(int i) {
			return i < inputs.size() ? inputs.get(i) : "";
		}

		/** The value of an integer or integer-list attribute, or {@code null} when absent. */
		long[] ints(String attribute) {
			UnknownFieldSet found = attribute(attribute);
			if (found == null) {
				return null;
			}
			if (!found.getField(ATTRIBUTE_INT).getVarintList().isEmpty()) {
				return new long[] { found.getField(ATTRIBUTE_INT).getVarintList().getFirst() };
			}
			return varints(found.getField(ATTRIBUTE_INTS));
		}

		/** A {@code Constant} node's value. */
		Tensor constant() {
			UnknownFieldSet found = attribute("value");
			if (found == null || found.getField(ATTRIBUTE_TENSOR).getLengthDelimitedList().isEmpty()) {
				return null;
			}
			return tensor(found.getField(ATTRIBUTE_TENSOR).getLengthDelimitedList().getFirst());
		}

		/** Whether the node runs a graph of its own ({@code If}, {@code Loop}, ...), which may read this graph's values. */
		boolean hasSubgraph() {
			return attributes.stream()
				.map(OnnxGraph::parse)
				.anyMatch(parsed -> parsed.hasField(ATTRIBUTE_GRAPH) || parsed.hasField(ATTRIBUTE_GRAPHS));
		}

		private UnknownFieldSet attribute(String attribute) {
			for (ByteString encoded : attributes) {
				UnknownFieldSet parsed = parse(encoded);
				if (attribute.equals(string(parsed, ATTRIBUTE_NAME))) {
					return parsed;
				}
			}
			return null;
		}

		ByteString encode() {
			if (original != null) {
				return original;
			}
			UnknownFieldSet.Builder node = UnknownFieldSet.newBuilder();
			node.addField(NODE_INPUT, texts(inputs));
			node.addField(NODE_OUTPUT, texts(outputs));
			node.addField(NODE_NAME, text(name));
			node.addField(NODE_OP_TYPE, text(opType));
			UnknownFieldSet.Field.Builder encoded = UnknownFieldSet.Field.newBuilder();
			attributes.forEach(encoded::addLengthDelimited);
			node.addField(NODE_ATTRIBUTE, encoded.build());
			if (!domain.isEmpty()) {
				node.addField(NODE_DOMAIN, text(domain));
			}
			return node.build().toByteString();
		}

		static ByteString intAttribute(String name, long value) {
			return UnknownFieldSet.newBuilder()
				.addField(ATTRIBUTE_NAME, text(name))
				.addField(ATTRIBUTE_INT, UnknownFieldSet.Field.newBuilder().addVarint(value).build())
				.addField(ATTRIBUTE_TYPE, UnknownFieldSet.Field.newBuilder().addVarint(ATTRIBUTE_TYPE_INT).build())
				.build()
				.toByteString();
		}
	}

	private final UnknownFieldSet model;

	private final UnknownFieldSet graph;

	final List<Node> nodes = new ArrayList<>();

	final Map<String, Tensor> initializers = new LinkedHashMap<>();

	/** Initializers of a type the rewrite never reads (strings, doubles, ...), written back as they were. */
	private final List<ByteString> otherInitializers = new ArrayList<>();

	final List<String> inputs = new ArrayList<>();

	private final Map<String, Node> producers = new HashMap<>();

	private final Map<String, List<Node>> consumers = new HashMap<>();

	OnnxGraph(byte[] bytes) {
		this.model = parse(ByteString.copyFrom(bytes));
		List<ByteString> graphs = model.getField(MODEL_GRAPH).getLengthDelimitedList();
		if (graphs.size() != 1) {
			throw new IllegalArgumentException("not an ONNX model: it has " + graphs.size() + " graphs");
		}
		this.graph = parse(graphs.getFirst());
		for (ByteString encoded : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
			UnknownFieldSet node = parse(encoded);
			nodes.add(new Node(string(node, NODE_NAME), string(node, NODE_OP_TYPE), string(node, NODE_DOMAIN),
					strings(node, NODE_INPUT), strings(node, NODE_OUTPUT),
					node.getField(NODE_ATTRIBUTE).getLengthDelimitedList(), encoded));
		}
		for (ByteString encoded : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
			Tensor tensor = tensor(encoded);
			if (tensor == null) {
				otherInitializers.add(encoded);
			}
			else {
				initializers.put(tensor.name(), tensor);
			}
		}
		for (ByteString encoded : graph.getField(GRAPH_INPUT).getLengthDelimitedList()) {
			inputs.add(string(parse(encoded), VALUE_INFO_NAME));
		}
		index();
	}

	/** Call after changing {@link #nodes}. */
	void index() {
		producers.clear();
		consumers.clear();
		for (Node node : nodes) {
			node.outputs().forEach(output -> producers.put(output, node));
			node.inputs().forEach(input -> consumers.computeIfAbsent(input, any -> new ArrayList<>()).add(node));
		}
	}

	Node producer(String value) {
		return producers.get(value);
	}

	List<Node> consumers(String value) {
		return consumers.getOrDefault(value, List.of());
	}

	/** The value of a constant: an initializer or a {@code Constant} node's output; {@code null} otherwise. */
	Tensor constant(String value) {
		Tensor initializer = initializers.get(value);
		if (initializer != null) {
			return initializer;
		}
		Node producer = producer(value);
		return producer != null && producer.opType().equals("Constant") ? producer.constant() : null;
	}

	/**
	 * The model with the current nodes and initializers, nodes in an order in which each runs after its inputs' nodes
	 * and without nodes or initializers nothing reads any more.
	 */
	byte[] toBytes(String opsetDomain, long opsetVersion) {
		index();
		List<Node> ordered = reachable();
		UnknownFieldSet.Field.Builder encodedNodes = UnknownFieldSet.Field.newBuilder();
		ordered.forEach(node -> encodedNodes.addLengthDelimited(node.encode()));
		UnknownFieldSet.Field.Builder encodedInitializers = UnknownFieldSet.Field.newBuilder();
		// an initializer stays when a node reads it, or when it is also a graph input or output (older models list
		// every initializer as an input, and dropping it would turn that input into one the caller must give)
		Set<String> read = new HashSet<>(inputs);
		read.addAll(outputs());
		ordered.forEach(node -> read.addAll(node.inputs()));
		initializers.values()
			.stream()
			.filter(tensor -> read.contains(tensor.name()))
			.forEach(tensor -> encodedInitializers.addLengthDelimited(tensor.encode()));
		otherInitializers.forEach(encodedInitializers::addLengthDelimited);
		UnknownFieldSet newGraph = UnknownFieldSet.newBuilder(graph)
			.clearField(GRAPH_NODE)
			.addField(GRAPH_NODE, encodedNodes.build())
			.clearField(GRAPH_INITIALIZER)
			.addField(GRAPH_INITIALIZER, encodedInitializers.build())
			.build();
		UnknownFieldSet.Builder newModel = UnknownFieldSet.newBuilder(model)
			.clearField(MODEL_GRAPH)
			.addField(MODEL_GRAPH, UnknownFieldSet.Field.newBuilder().addLengthDelimited(newGraph.toByteString()).build());
		boolean imported = model.getField(MODEL_OPSET_IMPORT)
			.getLengthDelimitedList()
			.stream()
			.anyMatch(opset -> opsetDomain.equals(string(parse(opset), OPSET_DOMAIN)));
		if (!imported) {
			newModel.mergeField(MODEL_OPSET_IMPORT, UnknownFieldSet.Field.newBuilder()
				.addLengthDelimited(UnknownFieldSet.newBuilder()
					.addField(OPSET_DOMAIN, text(opsetDomain))
					.addField(OPSET_VERSION, UnknownFieldSet.Field.newBuilder().addVarint(opsetVersion).build())
					.build()
					.toByteString())
				.build());
		}
		return newModel.build().toByteArray();
	}

	/** The nodes the graph's outputs depend on, each after the nodes whose outputs it reads. */
	private List<String> outputs() {
		return graph.getField(GRAPH_OUTPUT)
			.getLengthDelimitedList()
			.stream()
			.map(output -> string(parse(output), VALUE_INFO_NAME))
			.toList();
	}

	private List<Node> reachable() {
		Set<String> needed = new HashSet<>(outputs());
		Deque<String> todo = new ArrayDeque<>(needed);
		while (!todo.isEmpty()) {
			Node node = producer(todo.pop());
			if (node != null) {
				for (String input : node.inputs()) {
					if (needed.add(input)) {
						todo.push(input);
					}
				}
			}
		}
		Set<String> available = new HashSet<>(inputs);
		available.addAll(initializers.keySet());
		available.add("");
		List<Node> pending = nodes.stream().filter(node -> node.outputs().stream().anyMatch(needed::contains)).toList();
		List<Node> ordered = new ArrayList<>();
		while (!pending.isEmpty()) {
			List<Node> waiting = new ArrayList<>();
			for (Node node : pending) {
				if (available.containsAll(node.inputs())) {
					ordered.add(node);
					available.addAll(node.outputs());
				}
				else {
					waiting.add(node);
				}
			}
			if (waiting.size() == pending.size()) {
				throw new IllegalStateException("the rewritten graph has a cycle or a missing input at "
						+ waiting.getFirst().name());
			}
			pending = waiting;
		}
		return ordered;
	}

	/** The tensor, or {@code null} when its type is not one the rewrite reads. */
	private static Tensor tensor(ByteString encoded) {
		UnknownFieldSet tensor = parse(encoded);
		List<Long> types = tensor.getField(TENSOR_DATA_TYPE).getVarintList();
		int type = types.isEmpty() ? 0 : types.getFirst().intValue();
		long[] dims = varints(tensor.getField(TENSOR_DIMS));
		String name = string(tensor, TENSOR_NAME);
		List<ByteString> raw = tensor.getField(TENSOR_RAW_DATA).getLengthDelimitedList();
		if (!raw.isEmpty()) {
			return new Tensor(name, type, dims, raw.getFirst(), encoded);
		}
		ByteBuffer values;
		switch (type) {
			case FLOAT -> {
				float[] floats = fixed32s(tensor.getField(TENSOR_FLOAT_DATA));
				values = ByteBuffer.allocate(floats.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
				values.asFloatBuffer().put(floats);
			}
			case UINT8, INT8 -> {
				long[] bytes = varints(tensor.getField(TENSOR_INT32_DATA));
				values = ByteBuffer.allocate(bytes.length);
				for (long value : bytes) {
					values.put((byte) value);
				}
			}
			case INT32 -> {
				long[] ints = varints(tensor.getField(TENSOR_INT32_DATA));
				values = ByteBuffer.allocate(ints.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
				for (long value : ints) {
					values.putInt((int) value);
				}
			}
			case INT64 -> {
				long[] longs = varints(tensor.getField(TENSOR_INT64_DATA));
				values = ByteBuffer.allocate(longs.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
				values.asLongBuffer().put(longs);
			}
			default -> {
				return null;
			}
		}
		Tensor decoded = new Tensor(name, type, dims, ByteString.copyFrom(values.array()), encoded);
		// a tensor whose values lie outside the model (external data) has none here, and is not read
		return values.capacity() == decoded.size() * width(type) ? decoded : null;
	}

	private static int width(int type) {
		return switch (type) {
			case UINT8, INT8 -> 1;
			case FLOAT, INT32 -> 4;
			default -> 8;
		};
	}

	/** A repeated float field, whether written packed or one value at a time. */
	private static float[] fixed32s(UnknownFieldSet.Field field) {
		List<Float> values = new ArrayList<>();
		field.getFixed32List().forEach(bits -> values.add(Float.intBitsToFloat(bits)));
		unpack(field, in -> values.add(in.readFloat()));
		float[] floats = new float[values.size()];
		for (int i = 0; i < floats.length; i++) {
			floats[i] = values.get(i);
		}
		return floats;
	}

	/** A repeated integer field, whether written packed or one value at a time. */
	private static long[] varints(UnknownFieldSet.Field field) {
		List<Long> values = new ArrayList<>(field.getVarintList());
		unpack(field, in -> values.add(in.readInt64()));
		return values.stream().mapToLong(Long::longValue).toArray();
	}

	private static void unpack(UnknownFieldSet.Field field, PackedValue value) {
		for (ByteString packed : field.getLengthDelimitedList()) {
			try {
				CodedInputStream in = packed.newCodedInput();
				while (!in.isAtEnd()) {
					value.read(in);
				}
			}
			catch (IOException e) {
				throw new IllegalArgumentException("a packed list in the ONNX model is broken", e);
			}
		}
	}

	@FunctionalInterface
	private interface PackedValue {

		void read(CodedInputStream in) throws IOException;
	}

	private static UnknownFieldSet parse(ByteString encoded) {
		try {
			return UnknownFieldSet.parseFrom(encoded);
		}
		catch (InvalidProtocolBufferException e) {
			throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
		}
	}

	private static String string(UnknownFieldSet message, int field) {
		List<ByteString> values = message.getField(field).getLengthDelimitedList();
		return values.isEmpty() ? "" : values.getFirst().toStringUtf8();
	}

	private static List<String> strings(UnknownFieldSet message, int field) {
		return message.getField(field).getLengthDelimitedList().stream().map(ByteString::toStringUtf8).toList();
	}

	private static UnknownFieldSet.Field text(String value) {
		return UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(value)).build();
	}

	private static UnknownFieldSet.Field texts(List<String> values) {
		UnknownFieldSet.Field.Builder field = UnknownFieldSet.Field.newBuilder();
		values.forEach(value -> field.addLengthDelimited(ByteString.copyFromUtf8(value)));
		return field.build();
	}
}
