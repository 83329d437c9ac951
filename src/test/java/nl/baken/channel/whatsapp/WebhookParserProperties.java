package nl.baken.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever arrives, the parser either reads it or calls it malformed: no other exception escapes, and what it reads
 * fits the columns it goes into. Inputs: raw bytes, arbitrary text, arbitrary JSON, and JSON shaped like a webhook
 * with every field replaced by arbitrary values.
 */
class WebhookParserProperties {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	final WebhookParser parser = new WebhookParser(JSON);

	@Property(tries = 300)
	void rawBytesAreReadOrRefused(@ForAll byte[] body) {
		check(body);
	}

	@Property(tries = 300)
	void arbitraryTextIsReadOrRefused(@ForAll String body) {
		check(body.getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 500)
	void arbitraryJsonIsReadOrRefused(@ForAll("anyJson") String body) {
		check(body.getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 1000)
	void webhookShapedJsonIsReadOrRefused(@ForAll("webhookLike") String body) {
		check(body.getBytes(StandardCharsets.UTF_8));
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

	@Provide
	Arbitrary<String> anyJson() {
		return json(3);
	}

	@Provide
	Arbitrary<String> webhookLike() {
		return webhookLikeJson();
	}

	static Arbitrary<String> scalar() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(JSON::writeValueAsString),
				Arbitraries.strings().withChars("\u0000\uD83D\uDE00é\"\\ab").ofMaxLength(8).map(JSON::writeValueAsString),
				Arbitraries.longs().map(String::valueOf), Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"),
				Arbitraries.of("null", "true", "false", "1e999", "-0", "12345678901234567890123", "\"\"", "\"   \""));
	}

	static Arbitrary<String> json(int depth) {
		if (depth == 0) {
			return scalar();
		}
		Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
		Arbitrary<String> array = inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
		Arbitrary<String> object = Combinators
			.combine(Arbitraries.of("entry", "changes", "value", "messages", "statuses", "contacts", "id", "from",
					"type", "text", "body", "timestamp", "status", "errors", "x"), inner)
			.as((k, v) -> "\"" + k + "\":" + v)
			.list()
			.ofMaxSize(4)
			.map(fields -> "{" + String.join(",", fields) + "}");
		return Arbitraries.oneOf(scalar(), array, object);
	}

	/** A webhook payload whose fields are sometimes right and sometimes anything at all. */
	static Arbitrary<String> webhookLikeJson() {
		Arbitrary<String> any = json(2);
		Arbitrary<String> from = Arbitraries.oneOf(Arbitraries.of("\"31612345678\"", "\"4915112345678\"", "\"0\"",
				"\"not-a-number\"", "\"+31 6 1234 5678\"", "31612345678"), any);
		Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.of("text", "image", "document", "audio", "video",
				"sticker", "location", "interactive", "button", "reaction", "contacts", "unsupported", "")
			.map(t -> "\"" + t + "\""), any);
		Arbitrary<String> id = Arbitraries.oneOf(
				Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(400).map(s -> "\"wamid." + s + "\""),
				any);
		Arbitrary<String> timestamp = Arbitraries.oneOf(Arbitraries.of("\"1732600000\"", "\"-5\"", "\"99999999999999\"",
				"\"soon\"", "1732600000"), any);
		Arbitrary<String> content = Arbitraries.oneOf(any,
				Arbitraries.of("{\"body\":\"hallo\"}", "{\"id\":\"123\",\"mime_type\":\"image/png\"}",
						"{\"latitude\":52.1,\"longitude\":\"x\"}", "{\"latitude\":52.1,\"longitude\":4.3,\"name\":7}",
						"{\"button_reply\":{\"title\":{}}}", "{\"list_reply\":{\"title\":\"t\",\"description\":[]}}"));
		Arbitrary<String> message = Combinators.combine(from, id, timestamp, type, content, any)
			.as((f, i, ts, t, c, extra) -> "{\"from\":" + f + ",\"id\":" + i + ",\"timestamp\":" + ts + ",\"type\":"
					+ t + ",\"text\":" + c + ",\"image\":" + c + ",\"document\":" + c + ",\"location\":" + c
					+ ",\"interactive\":" + c + ",\"extra\":" + extra + "}");
		Arbitrary<String> status = Combinators
			.combine(id, Arbitraries.oneOf(Arbitraries.of("\"sent\"", "\"delivered\"", "\"read\"", "\"failed\"",
					"\"deleted\"", "\"warning\""), any), timestamp, any)
			.as((i, s, ts, errors) -> "{\"id\":" + i + ",\"status\":" + s + ",\"timestamp\":" + ts + ",\"errors\":"
					+ errors + "}");
		Arbitrary<String> contacts = Combinators.combine(from, any)
			.as((f, name) -> "[{\"wa_id\":" + f + ",\"profile\":{\"name\":" + name + "}}]");
		Arbitrary<String> phoneNumberId = Arbitraries.oneOf(Arbitraries.of("\"106540352242922\"", "\"999\""), any);
		return Combinators
			.combine(message.list().ofMaxSize(3), status.list().ofMaxSize(3), contacts, phoneNumberId)
			.as((List<String> ms, List<String> ss, String cs, String pid) -> "{\"object\":\"whatsapp_business_account\","
					+ "\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":"
					+ "\"whatsapp\",\"metadata\":{\"phone_number_id\":" + pid + "},\"contacts\":" + cs
					+ ",\"messages\":[" + String.join(",", ms) + "],\"statuses\":[" + String.join(",", ss) + "]}}]}]}");
	}
}
