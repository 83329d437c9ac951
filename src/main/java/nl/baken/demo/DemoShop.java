package nl.baken.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import nl.baken.access.Integrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the demo webshop's own system, so the agents' actions make a real signed HTTP call: a small server
 * on a free loopback port that checks Baken's signature, books refunds, resends, address changes and device
 * replacements (for the preventive rules), and answers with a reference. It registers itself as integration {@code shop} unless a real one is configured. A call repeated with
 * the same idempotency key gets the first answer again, as a real shop's API would give it.
 */
@Component
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoShop implements SmartLifecycle {

	static final String INTEGRATION = "shop";

	static final String SLOW_ORDER = "TH-100999";

	static final int SLOW_SECONDS = 8;

	/** The demo orders: number → status and days until delivery (relative to today, null when not applicable). */
	static final Map<String, DemoOrder> ORDERS = Map.of(
			"TH-100234", new DemoOrder("shipped", 1, "PostNL"),
			"TH-100235", new DemoOrder("received", 3, null),
			"TH-100236", new DemoOrder("packed", 2, null),
			"TH-100237", new DemoOrder("delivered", null, "DHL"),
			"TH-100238", new DemoOrder("delayed", 5, "PostNL"),
			"KG-200117", new DemoOrder("shipped", 2, "DHL"),
			"KG-200118", new DemoOrder("cancelled", null, null),
			SLOW_ORDER, new DemoOrder("shipped", 1, "PostNL"));

	record DemoOrder(String status, Integer daysToDelivery, String carrier) {
	}

	private static final Logger log = LoggerFactory.getLogger(DemoShop.class);

	private final Integrations integrations;

	private final JsonMapper json;

	private final Clock clock;

	private final String secret = UUID.randomUUID().toString();

	private final Map<String, String> answered = new ConcurrentHashMap<>();

	private HttpServer server;

	DemoShop(Integrations integrations, JsonMapper json, Clock clock) {
		this.integrations = integrations;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public void start() {
		if (integrations.endpoint(INTEGRATION).isPresent()) {
			return;
		}
		serve();
	}

	/** Opens the stand-in shop and registers it as {@code shop}, also over an integration registered before. */
	void serve() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException e) {
			throw new IllegalStateException("The demo shop could not open a port", e);
		}
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/actions/", this::action);
		server.createContext("/orders/status", this::orderStatus);
		server.start();
		integrations.register(INTEGRATION,
				URI.create("http://127.0.0.1:" + server.getAddress().getPort()), secret);
		log.info("Demo shop integration on port {}", server.getAddress().getPort());
	}

	private void action(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readNBytes(64 * 1024);
			if (!"POST".equals(exchange.getRequestMethod()) || !Integrations.verify(secret,
					exchange.getRequestHeaders().getFirst(Integrations.SIGNATURE_HEADER), body, clock.instant(),
					Duration.ofMinutes(5))) {
				answer(exchange, 401, "{\"message\":\"signature missing or wrong\"}");
				return;
			}
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			String action = exchange.getRequestURI().getPath().substring("/actions/".length());
			String reply = key == null ? book(action, json.readTree(body))
					: answered.computeIfAbsent(key, k -> book(action, json.readTree(body)));
			answer(exchange, reply == null ? 404 : 200, reply == null ? "{\"message\":\"unknown action\"}" : reply);
		}
	}

	private void orderStatus(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readNBytes(64 * 1024);
			if (!"POST".equals(exchange.getRequestMethod()) || !Integrations.verify(secret,
					exchange.getRequestHeaders().getFirst(Integrations.SIGNATURE_HEADER), body, clock.instant(),
					Duration.ofMinutes(5))) {
				answer(exchange, 401, "{\"message\":\"signature missing or wrong\"}");
				return;
			}
			String number = json.readTree(body).path("orderNumber").asString("");
			DemoOrder order = ORDERS.get(number);
			if (order == null) {
				answer(exchange, 404, "{\"message\":\"unknown order\"}");
				return;
			}
			if (SLOW_ORDER.equals(number)) {
				sleep();
			}
			Map<String, Object> status = new java.util.LinkedHashMap<>();
			status.put("orderNumber", number);
			status.put("status", order.status());
			if (order.daysToDelivery() != null) {
				status.put("expectedDelivery", java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of(
						"Europe/Amsterdam"))).plusDays(order.daysToDelivery()).toString());
			}
			if (order.carrier() != null) {
				status.put("carrier", order.carrier());
				status.put("trackingUrl", "https://track.example/" + order.carrier().toLowerCase(Locale.ROOT) + "/"
						+ number);
			}
			answer(exchange, 200, json.writeValueAsString(status));
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(Duration.ofSeconds(SLOW_SECONDS));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private String book(String action, JsonNode request) {
		String reference = action.substring(0, 1).toUpperCase(Locale.ROOT) + "-"
				+ (100_000 + Math.floorMod(request.path("requestId").asString().hashCode(), 900_000));
		String amount = request.path("amountCents").isNumber()
				? String.format(Locale.ROOT, "EUR %.2f", request.path("amountCents").asLong() / 100.0) : null;
		String message = switch (action) {
			case "refund" -> "Refund of " + amount + " booked, reference " + reference;
			case "waive-fee" -> "Fee of " + amount + " waived, reference " + reference;
			case "resend-order" -> "Replacement shipment created, reference " + reference;
			case "change-address" -> "Delivery address changed, reference " + reference;
			case "replace-device" -> "Replacement of device " + request.path("deviceId").asString() + " scheduled, "
					+ "reference " + reference;
			default -> null;
		};
		return message == null ? null
				: json.writeValueAsString(Map.of("reference", reference, "message", message));
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void stop() {
		if (server != null) {
			server.stop(0);
			server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return server != null;
	}
}
