package nl.baken.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import nl.baken.DatabaseTest;
import nl.baken.TestDatabase;
import nl.baken.customer.Brands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visitor's stream over real HTTP. Entries written straight into the database, as another node behind the load
 * balancer writes them (this node's memory never hears of them), reach a connected widget, and a widget reconnecting
 * with {@code Last-Event-ID} gets exactly what came after it, in order.
 */
@DatabaseTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "baken.demo.enabled=false", "baken.channels.webchat.stream-poll-interval=100ms" })
class WebchatStreamTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Brands brands;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@Test
	void aReconnectingWidgetResumesFromTheDatabaseWithoutLossOrReordering() throws Exception {
		if (!brands.exists("tuinhuys")) {
			brands.define("tuinhuys", "Tuinhuys");
		}
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/webchat/api/sessions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"brand\":\"tuinhuys\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		JsonNode session = json.readTree(created.body());
		String token = session.path("token").asString();
		String visitor = session.path("visitorId").asString();
		for (int i = 1; i <= 3; i++) {
			writtenByAnotherNode(visitor, "bericht " + i);
		}

		try (Connection stream = connect(token, "1")) {
			assertThat(stream.next()).containsExactly("2", "bericht 2");
			assertThat(stream.next()).containsExactly("3", "bericht 3");
			writtenByAnotherNode(visitor, "bericht 4");
			assertThat(stream.next()).containsExactly("4", "bericht 4");
		}
		try (Connection resumed = connect(token, "3")) {
			assertThat(resumed.next()).containsExactly("4", "bericht 4");
			writtenByAnotherNode(visitor, "bericht 5");
			assertThat(resumed.next()).containsExactly("5", "bericht 5");
		}
		// a fresh page load without Last-Event-ID gets the whole history in order
		try (Connection reload = connect(token, null)) {
			List<String> texts = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				texts.add(reload.next().get(1));
			}
			assertThat(texts).containsExactly("bericht 1", "bericht 2", "bericht 3", "bericht 4", "bericht 5");
		}
		HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("/webchat/api/stream?token=wv1.forged.x"))
			.GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
	}

	/** What another node's append does, through the database alone. */
	private void writtenByAnotherNode(String visitor, String text) {
		jdbc.sql("update webchat_visitor set last_seq = last_seq + 1 where visitor_id = ?").param(visitor).update();
		long seq = jdbc.sql("select last_seq from webchat_visitor where visitor_id = ?").param(visitor)
			.query(Long.class).single();
		jdbc.sql("""
				insert into webchat_event (visitor_id, seq, author, provider_message_id, body_text, created_at)
				values (?, ?, 'agent', ?, ?, ?)""")
			.params(visitor, seq, "wc-" + UUID.randomUUID(), text, OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	private Connection connect(String token, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(
				uri("/webchat/api/stream?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<Stream<String>> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		return new Connection(response.body(), json);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/** Reads server-sent events on a thread of its own, so a test waits for each with a timeout. */
	static final class Connection implements AutoCloseable {

		private final Stream<String> lines;

		private final BlockingQueue<List<String>> events = new LinkedBlockingQueue<>();

		Connection(Stream<String> lines, JsonMapper json) {
			this.lines = lines;
			Thread.ofVirtual().start(() -> {
				String id = null;
				try {
					for (String line : (Iterable<String>) lines::iterator) {
						if (line.startsWith("id:")) {
							id = line.substring(3).strip();
						}
						else if (line.startsWith("data:")) {
							JsonNode data = json.readTree(line.substring(5));
							events.add(List.of(id, data.path("text").asString()));
						}
					}
				}
				catch (RuntimeException closed) {
					// the test closed the connection
				}
			});
		}

		List<String> next() throws InterruptedException {
			List<String> event = events.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("an event within 10 seconds").isNotNull();
			return event;
		}

		@Override
		public void close() {
			lines.close();
		}
	}
}
