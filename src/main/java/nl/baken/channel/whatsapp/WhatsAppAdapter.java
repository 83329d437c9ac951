package nl.baken.channel.whatsapp;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import nl.baken.channel.ChannelAdapter;
import nl.baken.channel.DeliveryFailure;
import nl.baken.channel.OutboundMessage;
import nl.baken.customer.IdentityKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends through the WhatsApp Cloud API: {@code POST {graph}/{version}/{phone-number-id}/messages} with the access
 * token as bearer, and returns the {@code wamid} that later status webhooks report on. Free text goes out only within
 * the 24-hour customer-service window; a message stored as a template goes out as that template at any time. Graph's
 * 429 and 5xx answers and network trouble are retried by the outbox; other refusals are final and carry Graph's own
 * message (never the token).
 */
class WhatsAppAdapter implements ChannelAdapter {

	static final String ID = "whatsapp";

	private final WhatsAppProperties properties;

	private final TemplateStore templates;

	private final Clock clock;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	WhatsAppAdapter(WhatsAppProperties properties, TemplateStore templates, Clock clock) {
		this.properties = properties;
		this.templates = templates;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String send(OutboundMessage message) throws DeliveryFailure {
		String to = message.address(IdentityKind.WHATSAPP)
			.or(() -> message.address(IdentityKind.PHONE))
			.orElseThrow(() -> DeliveryFailure.permanent("The customer has no WhatsApp number"));
		ObjectNode body = json.createObjectNode();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put("to", to.startsWith("+") ? to.substring(1) : to);
		Optional<TemplateStore.Template> template = templates.find(message.messageId());
		if (template.isPresent()) {
			body.put("type", "template");
			body.set("template", template(template.get()));
		}
		else {
			if (!ServiceWindow.open(message.lastInbound() == null ? null : message.lastInbound().receivedAt(),
					clock.instant())) {
				throw DeliveryFailure.permanent(ServiceWindow.REFUSAL);
			}
			body.put("type", "text");
			body.putObject("text").put("preview_url", false).put("body", message.text());
		}
		return post(json.writeValueAsString(body));
	}

	private ObjectNode template(TemplateStore.Template template) {
		ObjectNode node = json.createObjectNode();
		node.put("name", template.name());
		node.putObject("language").put("code", template.language());
		if (!template.parameters().isEmpty()) {
			ObjectNode component = node.putArray("components").addObject();
			component.put("type", "body");
			ArrayNode parameters = component.putArray("parameters");
			template.parameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
		}
		return node;
	}

	private String post(String body) throws DeliveryFailure {
		HttpRequest request = HttpRequest.newBuilder(properties.messagesUri())
			.timeout(properties.timeout())
			.header("Authorization", "Bearer " + properties.accessToken())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw DeliveryFailure.retryable("WhatsApp Graph API not reachable: " + e.getClass().getSimpleName(), null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw DeliveryFailure.retryable("Interrupted while sending to WhatsApp", null);
		}
		int status = response.statusCode();
		JsonNode answer = parse(response.body());
		if (status / 100 == 2) {
			JsonNode id = answer.path("messages").path(0).path("id");
			if (!id.isString() || id.stringValue().isBlank()) {
				throw DeliveryFailure.retryable("WhatsApp answered " + status + " without a message id", null);
			}
			return id.stringValue();
		}
		String reason = "WhatsApp refused the message (HTTP " + status + ")" + graphError(answer);
		if (status == 429 || status >= 500) {
			throw DeliveryFailure.retryable(reason, null);
		}
		throw DeliveryFailure.permanent(reason);
	}

	/** Graph's error: {@code {"error":{"message":…,"code":…,"error_data":{"details":…}}}}. */
	private static String graphError(JsonNode answer) {
		JsonNode error = answer.path("error");
		if (!error.isObject()) {
			return "";
		}
		StringBuilder text = new StringBuilder(":");
		if (error.path("code").isNumber()) {
			text.append(" code ").append(error.path("code").asString());
		}
		if (error.path("message").isString()) {
			text.append(' ').append(error.path("message").stringValue());
		}
		if (error.path("error_data").path("details").isString()) {
			text.append(" (").append(error.path("error_data").path("details").stringValue()).append(')');
		}
		String result = text.toString();
		return result.length() > 500 ? result.substring(0, 500) : result;
	}

	private JsonNode parse(String body) {
		try {
			JsonNode node = json.readTree(body == null || body.isBlank() ? "{}" : body);
			return node == null ? json.createObjectNode() : node;
		}
		catch (JacksonException e) {
			return json.createObjectNode();
		}
	}
}
