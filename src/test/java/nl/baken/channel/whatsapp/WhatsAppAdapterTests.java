package nl.baken.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import nl.baken.channel.DeliveryFailure;
import nl.baken.channel.OutboundMessage;
import nl.baken.customer.Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against a peer that speaks Graph's documented request and answer format: text inside the window,
 * templates at any time, and Graph's errors sorted into retryable and permanent without the token in any message.
 */
class WhatsAppAdapterTests {

	static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	GraphPeer peer;

	WhatsAppAdapter adapter;

	final Map<UUID, TemplateStore.Template> templates = new ConcurrentHashMap<>();

	@BeforeEach
	void start() throws Exception {
		peer = new GraphPeer();
		WhatsAppProperties properties = new WhatsAppProperties(URI.create(peer.baseUrl() + "/"), GraphPeer.VERSION,
				GraphPeer.PHONE_NUMBER_ID, GraphPeer.TOKEN, "app-secret", "verify", null, Duration.ofMillis(800));
		TemplateStore store = new TemplateStore(null, null) {
			@Override
			Optional<Template> find(UUID messageId) {
				return Optional.ofNullable(templates.get(messageId));
			}
		};
		adapter = new WhatsAppAdapter(properties, store, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@AfterEach
	void stop() {
		peer.close();
	}

	static OutboundMessage message(String text, Instant lastInbound, Identity... identities) {
		return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "whatsapp", null, null,
				null, text, List.of(identities),
				lastInbound == null ? null : new OutboundMessage.LastInbound("wamid.in", lastInbound), 1);
	}

	@Test
	void aReplyInsideTheWindowGoesOutAsTextAndReturnsTheWamid() throws Exception {
		String wamid = adapter.send(message("Uw pakket komt morgen.", NOW.minus(Duration.ofHours(23)),
				Identity.email("a@example.nl"), Identity.whatsapp("31612345678")));

		assertThat(peer.violations).isEmpty();
		GraphPeer.Received request = peer.received.getFirst();
		assertThat(wamid).isEqualTo(request.wamid()).startsWith("wamid.");
		assertThat(request.path()).isEqualTo("/v23.0/" + GraphPeer.PHONE_NUMBER_ID + "/messages");
		assertThat(request.authorization()).isEqualTo("Bearer " + GraphPeer.TOKEN);
		assertThat(request.body().path("to").stringValue()).isEqualTo("31612345678");
		assertThat(request.body().path("type").stringValue()).isEqualTo("text");
		assertThat(request.body().path("text").path("body").stringValue()).isEqualTo("Uw pakket komt morgen.");
	}

	@Test
	void outsideTheWindowFreeTextIsRefusedWithoutAskingGraph() {
		assertThatThrownBy(() -> adapter.send(message("Nog vragen?", NOW.minus(Duration.ofHours(25)),
				Identity.whatsapp("31612345678"))))
			.isInstanceOfSatisfying(DeliveryFailure.class, f -> {
				assertThat(f.retryable()).isFalse();
				assertThat(f.getMessage()).contains("24-hour customer-service window");
			});
		assertThatThrownBy(() -> adapter.send(message("Hallo", null, Identity.whatsapp("31612345678"))))
			.isInstanceOf(DeliveryFailure.class);
		assertThat(peer.received).isEmpty();
	}

	@Test
	void aTemplateGoesOutAtAnyTimeWithItsLanguageAndParameters() throws Exception {
		OutboundMessage old = message("[WhatsApp template order_update (nl)] 12345", NOW.minus(Duration.ofDays(3)),
				Identity.phone("0612345678"));
		templates.put(old.messageId(), new TemplateStore.Template("order_update", "nl", List.of("12345", "morgen")));

		assertThat(adapter.send(old)).startsWith("wamid.");
		assertThat(peer.violations).isEmpty();
		var body = peer.received.getFirst().body();
		assertThat(body.path("to").stringValue()).isEqualTo("31612345678");
		assertThat(body.path("type").stringValue()).isEqualTo("template");
		assertThat(body.path("template").path("name").stringValue()).isEqualTo("order_update");
		assertThat(body.path("template").path("language").path("code").stringValue()).isEqualTo("nl");
		assertThat(body.path("template").path("components").path(0).path("parameters").findValuesAsString("text"))
			.containsExactly("12345", "morgen");
	}

	@Test
	void graphErrorsAreRetryableOnlyWhenWaitingCanHelp() {
		OutboundMessage m = message("Hallo", NOW.minusSeconds(60), Identity.whatsapp("31612345678"));
		peer.script.add(new GraphPeer.Answer(429, GraphPeer.graphError(130429, "Rate limit hit"), 0));
		peer.script.add(new GraphPeer.Answer(503, "<html>Service Unavailable</html>", 0));
		peer.script.add(new GraphPeer.Answer(400, GraphPeer.graphError(131026, "Message undeliverable"), 0));
		peer.script.add(new GraphPeer.Answer(401, GraphPeer.graphError(190, "Invalid OAuth access token"), 0));
		peer.script.add(new GraphPeer.Answer(200, "{}", 2_000));

		assertFailure(m, true, "HTTP 429", "Rate limit hit");
		assertFailure(m, true, "HTTP 503");
		assertFailure(m, false, "HTTP 400", "code 131026", "Message undeliverable");
		assertFailure(m, false, "HTTP 401", "Invalid OAuth access token");
		assertFailure(m, true, "not reachable");
		assertThat(peer.violations).isEmpty();
	}

	@Test
	void aCustomerWithoutAWhatsAppNumberIsAPermanentFailure() {
		assertFailure(message("Hallo", NOW, Identity.email("a@example.nl")), false, "no WhatsApp number");
	}

	private void assertFailure(OutboundMessage m, boolean retryable, String... parts) {
		assertThatThrownBy(() -> adapter.send(m)).isInstanceOfSatisfying(DeliveryFailure.class, f -> {
			assertThat(f.retryable()).as(f.getMessage()).isEqualTo(retryable);
			assertThat(f.getMessage()).contains(parts).doesNotContain(GraphPeer.TOKEN);
		});
	}
}
