package nl.baken.channel.whatsapp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for the Graph API's messages endpoint that holds every request to the documented format
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages): the path with version and phone
 * number id, the bearer token, a JSON body with {@code messaging_product=whatsapp}, {@code recipient_type}, {@code to}
 * and a {@code text} or {@code template} object. A request that breaks the format gets Graph's 400 error shape and is
 * counted in {@link #violations}. Scripted answers (errors, slowness) are taken in order, then it answers success.
 */
public final class GraphPeer implements AutoCloseable {

	public static final String VERSION = "v23.0";

	public static final String PHONE_NUMBER_ID = "106540352242922";

	public static final String TOKEN = "EAAG-test-access-token-never-logged";

	record Answer(int status, String body, long delayMillis) {
	}

	public record Received(String path, String authorization, JsonNode body, String wamid) {
	}

	public final List<Received> received = new CopyOnWriteArrayList<>();

	public final List<String> violations = new CopyOnWriteArrayList<>();

	final Queue<Answer> script = new ConcurrentLinkedQueue<>();

	private final HttpServer server;

	private final JsonMapper json = JsonMapper.builder().build();

	public GraphPeer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::handle);
		server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	static String graphError(int code, String message) {
		return """
				{"error":{"message":"%s","type":"OAuthException","code":%d,"error_data":{"messaging_product":"whatsapp","details":"%s"},"fbtrace_id":"AbCdEf"}}"""
			.formatted(message, code, message);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] raw = exchange.getRequestBody().readAllBytes();
		String path = exchange.getRequestURI().getPath();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String problem = check(exchange, path, authorization, raw);
		if (problem != null) {
			violations.add(problem);
			respond(exchange, 400, graphError(100, "Invalid parameter: " + problem));
			return;
		}
		JsonNode body = json.readTree(raw);
		Answer answer = script.poll();
		if (answer != null) {
			if (answer.delayMillis() > 0) {
				try {
					Thread.sleep(answer.delayMillis());
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			received.add(new Received(path, authorization, body, null));
			respond(exchange, answer.status(), answer.body());
			return;
		}
		String wamid = "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "");
		received.add(new Received(path, authorization, body, wamid));
		respond(exchange, 200, """
				{"messaging_product":"whatsapp","contacts":[{"input":"%s","wa_id":"%s"}],"messages":[{"id":"%s"}]}"""
			.formatted(body.path("to").stringValue(), body.path("to").stringValue(), wamid));
	}

	private String check(HttpExchange exchange, String path, String authorization, byte[] raw) {
		if (!"POST".equals(exchange.getRequestMethod())) {
			return "method " + exchange.getRequestMethod();
		}
		if (!path.equals("/" + VERSION + "/" + PHONE_NUMBER_ID + "/messages")) {
			return "path " + path;
		}
		if (!("Bearer " + TOKEN).equals(authorization)) {
			return "authorization header";
		}
		String type = exchange.getRequestHeaders().getFirst("Content-Type");
		if (type == null || !type.startsWith("application/json")) {
			return "content type " + type;
		}
		JsonNode body;
		try {
			body = json.readTree(new String(raw, StandardCharsets.UTF_8));
		}
		catch (RuntimeException e) {
			return "body is not JSON";
		}
		if (!"whatsapp".equals(body.path("messaging_product").asString(null))) {
			return "messaging_product";
		}
		if (!"individual".equals(body.path("recipient_type").asString(null))) {
			return "recipient_type";
		}
		if (!body.path("to").isString() || !body.path("to").stringValue().matches("[1-9][0-9]{6,14}")) {
			return "to must be the WhatsApp id (digits, country code, no '+')";
		}
		String messageType = body.path("type").asString(null);
		if ("text".equals(messageType)) {
			return body.path("text").path("body").isString() && !body.path("text").path("body").stringValue().isEmpty()
					? null : "text.body";
		}
		if ("template".equals(messageType)) {
			JsonNode template = body.path("template");
			if (!template.path("name").isString() || !template.path("language").path("code").isString()) {
				return "template.name and template.language.code";
			}
			for (JsonNode component : template.path("components").values()) {
				if (!component.path("type").isString()) {
					return "template.components[].type";
				}
				for (JsonNode parameter : component.path("parameters").values()) {
					if (!"text".equals(parameter.path("type").asString(null)) || !parameter.path("text").isString()) {
						return "template parameters";
					}
				}
			}
			return null;
		}
		return "type " + messageType;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
