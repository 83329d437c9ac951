package nl.baken.channel.whatsapp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.baken.conversation.DeliveryStatus;
import nl.baken.conversation.InboundMessage;
import nl.baken.shared.Sql;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a WhatsApp Cloud API webhook payload ({@code entry[].changes[].value} with {@code messages[]},
 * {@code contacts[]} and {@code statuses[]}). It is lenient the way Meta asks receivers to be: an item it cannot use
 * (no id, no sender, an unknown status) is skipped, an unknown message type becomes a placeholder text, and only a
 * body that is not a JSON object is refused, with {@link Malformed}. It throws nothing else, whatever the input.
 */
final class WebhookParser {

	static final int MAX_ID = 300;

	static final int MAX_TEXT = 100_000;

	private static final int MAX_NAME = 200;

	private static final int MAX_FILE_NAME = 255;

	private static final int MAX_MIME = 120;

	private final JsonMapper json;

	WebhookParser(JsonMapper json) {
		this.json = json;
	}

	/** A message from a customer: {@code wamid} is WhatsApp's id, {@code from} the sender's WhatsApp id. */
	record Message(String wamid, String from, String name, Instant sentAt, String text,
			List<InboundMessage.Attachment> attachments) {
	}

	/** A status WhatsApp reports for one of our messages; {@code detail} carries the errors of a failure. */
	record Status(String wamid, DeliveryStatus status, String detail, Instant at) {
	}

	record Payload(List<Message> messages, List<Status> statuses, int skipped) {
	}

	static final class Malformed extends Exception {

		Malformed(String message) {
			super(message);
		}
	}

	/**
	 * @param phoneNumberId our phone number id: changes for other numbers of the same business account are skipped;
	 * null takes all
	 */
	Payload parse(byte[] body, String phoneNumberId, Instant now) throws Malformed {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException | IllegalArgumentException e) {
			throw new Malformed("the body is not JSON");
		}
		if (root == null || !root.isObject()) {
			throw new Malformed("the body is not a JSON object");
		}
		List<Message> messages = new ArrayList<>();
		List<Status> statuses = new ArrayList<>();
		int skipped = 0;
		for (JsonNode entry : array(root.path("entry"))) {
			for (JsonNode change : array(entry.path("changes"))) {
				JsonNode value = change.path("value");
				if (!value.isObject()) {
					continue;
				}
				String number = text(value.path("metadata").path("phone_number_id"));
				if (phoneNumberId != null && number != null && !number.equals(phoneNumberId)) {
					skipped++;
					continue;
				}
				Map<String, String> names = new HashMap<>();
				for (JsonNode contact : array(value.path("contacts"))) {
					String waId = text(contact.path("wa_id"));
					String name = text(contact.path("profile").path("name"));
					if (waId != null && name != null && !name.isBlank()) {
						names.put(waId, clip(name.strip(), MAX_NAME));
					}
				}
				for (JsonNode message : array(value.path("messages"))) {
					Message parsed = message(message, names, now);
					if (parsed == null) {
						skipped++;
					}
					else {
						messages.add(parsed);
					}
				}
				for (JsonNode status : array(value.path("statuses"))) {
					Status parsed = status(status, now);
					if (parsed == null) {
						skipped++;
					}
					else {
						statuses.add(parsed);
					}
				}
			}
		}
		return new Payload(List.copyOf(messages), List.copyOf(statuses), skipped);
	}

	private static Message message(JsonNode m, Map<String, String> names, Instant now) {
		String id = text(m.path("id"));
		String from = text(m.path("from"));
		if (id == null || id.isBlank() || id.length() > MAX_ID || from == null || from.isBlank()
				|| from.length() > 40) {
			return null;
		}
		String type = text(m.path("type"));
		type = type == null ? "unknown" : clip(type, 40);
		List<InboundMessage.Attachment> attachments = new ArrayList<>();
		String content = switch (type) {
			case "text" -> text(m.path("text").path("body"));
			case "image", "document", "audio", "video", "sticker" -> media(type, m.path(type), attachments);
			case "location" -> location(m.path("location"));
			case "interactive" -> interactive(m.path("interactive"));
			case "button" -> text(m.path("button").path("text"));
			case "reaction" -> {
				String emoji = text(m.path("reaction").path("emoji"));
				yield emoji == null ? null : "[reaction] " + emoji;
			}
			case "contacts" -> "[contact card]";
			default -> null;
		};
		if (content == null || content.isBlank()) {
			content = attachments.isEmpty() ? "[WhatsApp " + type + " message]" : "[" + type + "]";
		}
		return new Message(id, from.strip(), names.get(from), instant(m.path("timestamp"), now),
				clip(content, MAX_TEXT), attachments);
	}

	/**
	 * Media stays with Meta until an agent opens it (see {@link WhatsAppMedia}); the attachment keeps its media id (as
	 * {@code whatsapp-media:<id>}), type and name.
	 */
	private static String media(String type, JsonNode media, List<InboundMessage.Attachment> attachments) {
		String mediaId = text(media.path("id"));
		String mime = text(media.path("mime_type"));
		String fileName = text(media.path("filename"));
		if (mediaId != null && !mediaId.isBlank()) {
			attachments.add(new InboundMessage.Attachment(
					clip(fileName == null || fileName.isBlank() ? type : fileName.strip(), MAX_FILE_NAME),
					clip(mime == null || mime.isBlank() ? "application/octet-stream" : mime.strip(), MAX_MIME), 0,
					WhatsAppMedia.SCHEME + ":" + clip(mediaId.strip(), 200)));
		}
		return text(media.path("caption"));
	}

	private static String location(JsonNode location) {
		JsonNode latitude = location.path("latitude");
		JsonNode longitude = location.path("longitude");
		if (!latitude.isNumber() || !longitude.isNumber()) {
			return null;
		}
		StringBuilder text = new StringBuilder("[location]");
		String name = text(location.path("name"));
		String address = text(location.path("address"));
		if (name != null) {
			text.append(' ').append(name);
		}
		if (address != null) {
			text.append(name == null ? " " : ", ").append(address);
		}
		text.append(String.format(Locale.ROOT, " (%.6f, %.6f)", latitude.asDouble(), longitude.asDouble()));
		return text.toString();
	}

	private static String interactive(JsonNode interactive) {
		for (String kind : List.of("button_reply", "list_reply")) {
			JsonNode reply = interactive.path(kind);
			String title = text(reply.path("title"));
			if (title != null) {
				String description = text(reply.path("description"));
				return description == null ? title : title + " — " + description;
			}
		}
		return null;
	}

	private static Status status(JsonNode s, Instant now) {
		String id = text(s.path("id"));
		String code = text(s.path("status"));
		if (id == null || id.isBlank() || id.length() > MAX_ID || code == null) {
			return null;
		}
		DeliveryStatus status = switch (code) {
			case "sent" -> DeliveryStatus.SENT;
			case "delivered" -> DeliveryStatus.DELIVERED;
			case "read" -> DeliveryStatus.READ;
			case "failed" -> DeliveryStatus.FAILED;
			default -> null;
		};
		if (status == null) {
			return null;
		}
		List<String> errors = new ArrayList<>();
		for (JsonNode error : array(s.path("errors"))) {
			String number = text(error.path("code"));
			String title = text(error.path("title"));
			String details = text(error.path("error_data").path("details"));
			String message = details != null ? details : text(error.path("message"));
			StringBuilder line = new StringBuilder();
			if (number != null) {
				line.append(number).append(' ');
			}
			if (title != null) {
				line.append(title);
			}
			if (message != null && !message.equals(title)) {
				line.append(line.isEmpty() ? "" : ": ").append(message);
			}
			if (!line.isEmpty()) {
				errors.add(line.toString().strip());
			}
		}
		String detail = errors.isEmpty() ? null : clip("WhatsApp: " + String.join("; ", errors), 1000);
		return new Status(id.strip(), status, detail, instant(s.path("timestamp"), now));
	}

	private static Iterable<JsonNode> array(JsonNode node) {
		return node.isArray() ? node.values() : List.of();
	}

	/** A string or number as text; NUL characters go, as PostgreSQL cannot store them. */
	private static String text(JsonNode node) {
		if (node.isString()) {
			return Sql.storable(node.stringValue());
		}
		return node.isNumber() ? node.asString() : null;
	}

	/** Unix seconds, as WhatsApp sends them (a string); anything else is "now". */
	private static Instant instant(JsonNode node, Instant now) {
		String value = text(node);
		if (value == null) {
			return now;
		}
		try {
			long seconds = Long.parseLong(value.strip());
			return seconds > 0 && seconds < 32_503_680_000L ? Instant.ofEpochSecond(seconds) : now;
		}
		catch (NumberFormatException e) {
			return now;
		}
	}

	private static String clip(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}
}
