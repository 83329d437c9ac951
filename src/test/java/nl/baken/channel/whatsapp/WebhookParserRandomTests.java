package nl.baken.channel.whatsapp;

import static nl.baken.RandomInput.bytes;
import static nl.baken.RandomInput.listOf;
import static nl.baken.RandomInput.oneOf;
import static nl.baken.RandomInput.text;
import static nl.baken.RandomInput.tries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever arrives, the parser either reads it or calls it malformed: no other exception escapes, and what it reads
 * fits the columns it goes into. Inputs: raw bytes, arbitrary text, arbitrary JSON, and JSON shaped like a webhook
 * with every field replaced by arbitrary values now and then.
 */
class WebhookParserRandomTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	private static final List<String> KEYS = List.of("entry", "changes", "value", "messages", "statuses", "contacts",
			"id", "from", "type", "text", "body", "timestamp", "status", "errors", "x");

	private static final List<String> ODD_SCALARS = List.of("null", "true", "false", "1e999", "-0",
			"12345678901234567890123", "\"\"", "\"   \"", "\"\\u0000\"", "\"\\uD83D\\uDE00\"");

	final WebhookParser parser = new WebhookParser(JSON);

	@Test
	void rawBytesAreReadOrRefused() {
		tries(300, random -> check(bytes(random, 2000)));
	}

	@Test
	void arbitraryTextIsReadOrRefused() {
		tries(300, random -> check(text(random, 500).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void arbitraryJsonIsReadOrRefused() {
		tries(500, random -> check(json(random, 3).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void webhookShapedJsonIsReadOrRefused() {
		tries(1000, random -> check(webhookLikeJson(random).getBytes(StandardCharsets.UTF_8)));
	}

	private void check(byte[] body) {
		try {
			WebhookParser.Payload payload = parser.parse(body, "106540352242922", NOW);
			for (WebhookParser.Message m : payload.messages()) {
				assertThat(m.wamid()).isNotBlank().hasSizeLessThanOrEqualTo(WebhookParser.MAX_ID);
				assertThat(m.from()).isNotBlank().hasSizeLessThanOrEqualTo(40);
				assertThat(m.text()).isNotBlank().hasSizeLessThanOrEqualTo(WebhookParser.MAX_TEXT).doesNotContain("\u0000");
				assertThat(m.sentAt()).isNotNull();
			}
			for (WebhookParser.Status s : payload.statuses()) {
				assertThat(s.wamid()).isNotBlank();
				assertThat(s.status()).isNotNull();
			}
		}
		catch (WebhookParser.Malformed expected) {
			assertThat(expected.getMessage()).isNotBlank();
		}
	}

	static String scalar(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> JSON.writeValueAsString(text(random, 20));
			case 1 -> String.valueOf(random.nextLong());
			case 2 -> String.valueOf(random.nextDouble() * 1e6);
			default -> oneOf(random, ODD_SCALARS);
		};
	}

	static String json(Random random, int depth) {
		if (depth == 0) {
			return scalar(random);
		}
		return switch (random.nextInt(3)) {
			case 0 -> scalar(random);
			case 1 -> "[" + String.join(",", listOf(random, 4, r -> json(r, depth - 1))) + "]";
			default -> "{" + String.join(",",
					listOf(random, 4, r -> "\"" + oneOf(r, KEYS) + "\":" + json(r, depth - 1))) + "}";
		};
	}

	/** A webhook payload whose fields are sometimes right and sometimes anything at all. */
	static String webhookLikeJson(Random random) {
		List<String> messages = listOf(random, 3, r -> {
			String content = either(r, List.of("{\"body\":\"hallo\"}", "{\"id\":\"123\",\"mime_type\":\"image/png\"}",
					"{\"latitude\":52.1,\"longitude\":\"x\"}", "{\"latitude\":52.1,\"longitude\":4.3,\"name\":7}",
					"{\"button_reply\":{\"title\":{}}}", "{\"list_reply\":{\"title\":\"t\",\"description\":[]}}"));
			return "{\"from\":" + from(r) + ",\"id\":" + id(r) + ",\"timestamp\":" + timestamp(r) + ",\"type\":"
					+ either(r, List.of("text", "image", "document", "audio", "video", "sticker", "location",
							"interactive", "button", "reaction", "contacts", "unsupported", "")
						.stream()
						.map(t -> "\"" + t + "\"")
						.toList())
					+ ",\"text\":" + content + ",\"image\":" + content + ",\"document\":" + content + ",\"location\":"
					+ content + ",\"interactive\":" + content + ",\"extra\":" + json(r, 2) + "}";
		});
		List<String> statuses = listOf(random, 3,
				r -> "{\"id\":" + id(r) + ",\"status\":"
						+ either(r, List.of("\"sent\"", "\"delivered\"", "\"read\"", "\"failed\"", "\"deleted\"",
								"\"warning\""))
						+ ",\"timestamp\":" + timestamp(r) + ",\"errors\":" + json(r, 2) + "}");
		String contacts = "[{\"wa_id\":" + from(random) + ",\"profile\":{\"name\":" + json(random, 2) + "}}]";
		String phoneNumberId = either(random, List.of("\"106540352242922\"", "\"999\""));
		return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
				+ "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":" + phoneNumberId
				+ "},\"contacts\":" + contacts + ",\"messages\":[" + String.join(",", messages) + "],\"statuses\":["
				+ String.join(",", statuses) + "]}}]}]}";
	}

	/** Mostly one of the well-formed values, sometimes any JSON at all. */
	private static String either(Random random, List<String> good) {
		return random.nextInt(4) == 0 ? json(random, 2) : oneOf(random, good);
	}

	private static String from(Random random) {
		return either(random, List.of("\"31612345678\"", "\"4915112345678\"", "\"0\"", "\"not-a-number\"",
				"\"+31 6 1234 5678\"", "31612345678"));
	}

	private static String id(Random random) {
		if (random.nextInt(4) == 0) {
			return json(random, 2);
		}
		StringBuilder id = new StringBuilder("\"wamid.");
		int length = 1 + random.nextInt(400);
		for (int i = 0; i < length; i++) {
			id.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(62)));
		}
		return id.append('"').toString();
	}

	private static String timestamp(Random random) {
		return either(random, List.of("\"1732600000\"", "\"-5\"", "\"99999999999999\"", "\"soon\"", "1732600000"));
	}
}
