package nl.baken.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/events}: schema per type, idempotency on the sender's id, customer matching, publishing. */
@DatabaseTest
@RecordApplicationEvents
class EventIntakeApiTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents published;

	@Test
	void anEventIsStoredOncePublishedOnceAndARetryGetsTheSameAnswer() throws Exception {
		String token = token(Scope.EVENTS_WRITE);
		String email = unique("klant") + "@example.nl";
		UUID customer = customerWithEmail(email);
		String id = unique("ship");
		String body = shipped(id, email, unique("order"), "PostNL");

		MvcTestResult first = post(token, "/api/v1/events", body);
		assertThat(first).hasStatus(HttpStatus.ACCEPTED);
		assertThat(first.getResponse().getHeader("Baken-Duplicate")).isEqualTo("false");
		JsonNode receipt = json.readTree(first.getResponse().getContentAsString());
		assertThat(receipt.get("customerId").asString()).isEqualTo(customer.toString());
		assertThat(receipt.get("type").asString()).isEqualTo("order.shipped");

		MvcTestResult again = post(token, "/api/v1/events", body);
		assertThat(again).hasStatus(HttpStatus.ACCEPTED);
		assertThat(again.getResponse().getHeader("Baken-Duplicate")).isEqualTo("true");
		assertThat(again.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());

		assertThat(jdbc.sql("select count(*) from business_event where event_id = ?").param(id).query(Long.class).single())
			.isEqualTo(1);
		assertThat(published.stream(BusinessEventReceived.class).filter(e -> e.event().id().equals(id)))
			.singleElement()
			.satisfies(e -> assertThat(e.customer().value()).isEqualTo(customer));
	}

	@Test
	void theSameIdWithOtherContentIsAConflict() throws Exception {
		String token = token(Scope.EVENTS_WRITE);
		String id = unique("ship");
		String order = unique("order");
		assertThat(post(token, "/api/v1/events", shipped(id, "a@example.nl", order, "PostNL")))
			.hasStatus(HttpStatus.ACCEPTED);
		MvcTestResult other = post(token, "/api/v1/events", shipped(id, "a@example.nl", order, "DHL"));
		assertThat(other).hasStatus(HttpStatus.CONFLICT);
		assertThat(other.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(other.getResponse().getContentAsString()).contains(id);
	}

	@Test
	void theSameContentSpelledDifferentlyIsTheSameEvent() throws Exception {
		String token = token(Scope.EVENTS_WRITE);
		String id = unique("scan");
		String one = """
				{"id":"%s","type":"parcel.scanned","occurredAt":"2026-11-26T10:00:00Z",
				 "subject":{"parcelId":"3SABC"},"data":{"location":"Utrecht","hub":{"b":1,"a":2}}}""".formatted(id);
		String two = """
				{"data":{"hub":{"a":2,"b":1},"location":"Utrecht"},"subject":{"parcelId":"3SABC","orderId":""},
				 "occurredAt":"2026-11-26T11:00:00+01:00","type":"parcel.scanned","id":"%s"}""".formatted(id);
		assertThat(post(token, "/api/v1/events", one)).hasStatus(HttpStatus.ACCEPTED);
		MvcTestResult again = post(token, "/api/v1/events", two);
		assertThat(again).hasStatus(HttpStatus.ACCEPTED);
		assertThat(again.getResponse().getHeader("Baken-Duplicate")).isEqualTo("true");
	}

	@Test
	void schemaErrorsNameTheField() throws Exception {
		String token = token(Scope.EVENTS_WRITE);
		assertField(post(token, "/api/v1/events", """
				{"id":"x-1","type":"order.teleported","occurredAt":"2026-11-26T10:00:00Z","subject":{"orderId":"1"}}"""),
				"type");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-2","type":"order.delayed","occurredAt":"2026-11-26T10:00:00Z","subject":{},
				 "data":{"expectedDelivery":"2026-11-28"}}"""), "subject.orderId");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-3","type":"order.delayed","occurredAt":"2026-11-26T10:00:00Z","subject":{"orderId":"1"},
				 "data":{"expectedDelivery":"soon"}}"""), "data.expectedDelivery");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-4","type":"device.telemetry","occurredAt":"2026-11-26T10:00:00Z","subject":{"deviceId":"d1"},
				 "data":{"metric":"temperature","value":"hot","unit":"C"}}"""), "data.value");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-5","type":"device.telemetry","occurredAt":"2026-11-26T10:00:00Z","subject":{"deviceId":"d1"},
				 "data":{"metric":"temperature","value":81.5}}"""), "data.unit");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-6","type":"checkout.failed","occurredAt":"2026-11-26T10:00:00Z","subject":{"orderId":"1"},
				 "data":{"reason":"card declined"}}"""), "subject.customerEmail");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-7","type":"outage.reported","occurredAt":"2026-11-26T10:00:00Z","subject":{"postcode":"ABCD"},
				 "data":{"service":"fibre"}}"""), "subject.postcode");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-8","type":"checkout.failed","occurredAt":"2026-11-26T10:00:00Z",
				 "subject":{"customerEmail":"not-an-address"},"data":{"reason":"card declined"}}"""),
				"subject.customerEmail");
		assertField(post(token, "/api/v1/events", """
				{"id":"x 9","type":"parcel.scanned","occurredAt":"2026-11-26T10:00:00Z","subject":{"parcelId":"p"},
				 "data":{"location":"Utrecht"}}"""), "id");
		assertField(post(token, "/api/v1/events", """
				{"id":"x-10","type":"parcel.scanned","subject":{"parcelId":"p"},"data":{"location":"Utrecht"}}"""),
				"occurredAt");
		assertThat(jdbc.sql("select count(*) from business_event where event_id like 'x-%'").query(Long.class).single())
			.isZero();
	}

	@Test
	void customersAreMatchedByEmailPhoneOrExternalId() throws Exception {
		String token = token(Scope.EVENTS_WRITE);
		String email = unique("tel") + "@example.nl";
		String number = "0612" + String.format("%06d", (int) (Math.random() * 1_000_000));
		MvcTestResult inbound = post(token(Scope.INBOUND_WRITE), "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s","phone":"%s",
				 "externalIds":{"shop":"%s"}},"text":"Hallo","sentAt":"2026-11-26T09:00:00Z"}"""
			.formatted(unique("m"), email, number, "cust-" + number));
		assertThat(inbound).hasStatus(HttpStatus.ACCEPTED);
		String customer = json.readTree(inbound.getResponse().getContentAsString()).get("customerId").asString();

		String byPhone = """
				{"id":"%s","type":"checkout.failed","occurredAt":"2026-11-26T10:00:00Z",
				 "subject":{"customerPhone":"+31 6 %s"},"data":{"reason":"timeout"}}"""
			.formatted(unique("c"), number.substring(2));
		assertThat(receipt(post(token, "/api/v1/events", byPhone)).get("customerId").asString()).isEqualTo(customer);
		String byExternal = """
				{"id":"%s","type":"checkout.failed","occurredAt":"2026-11-26T10:00:00Z",
				 "subject":{"customerExternalId":"cust-%s"},"data":{"reason":"timeout"}}"""
			.formatted(unique("c"), number);
		assertThat(receipt(post(token, "/api/v1/events", byExternal)).get("customerId").asString()).isEqualTo(customer);
		String unknown = """
				{"id":"%s","type":"checkout.failed","occurredAt":"2026-11-26T10:00:00Z",
				 "subject":{"customerEmail":"%s"},"data":{"reason":"timeout"}}"""
			.formatted(unique("c"), unique("nobody") + "@example.nl");
		assertThat(receipt(post(token, "/api/v1/events", unknown)).get("customerId").isNull()).isTrue();
	}

	@Test
	void aBatchIsStoredWholeOrNotAtAll() throws Exception {
		String token = token(Scope.EVENTS_WRITE);
		String good = shipped(unique("b"), "b@example.nl", unique("order"), "PostNL");
		String bad = """
				{"id":"%s","type":"order.shipped","occurredAt":"2026-11-26T10:00:00Z",
				 "subject":{"customerEmail":"b@example.nl","orderId":"o-1"},"data":{"expectedDelivery":"2026-11-28"}}"""
			.formatted(unique("b"));
		assertField(post(token, "/api/v1/events/batch", "{\"events\":[" + good + "," + bad + "]}"),
				"events[1].data.carrier");
		String goodId = json.readTree(good).get("id").asString();
		assertThat(jdbc.sql("select count(*) from business_event where event_id = ?").param(goodId).query(Long.class)
			.single()).isZero();

		String other = shipped(unique("b"), "b@example.nl", unique("order"), "DHL");
		MvcTestResult stored = post(token, "/api/v1/events/batch", "{\"events\":[" + good + "," + other + "]}");
		assertThat(stored).hasStatus(HttpStatus.ACCEPTED);
		assertThat(json.readTree(stored.getResponse().getContentAsString()).get("receipts")).hasSize(2);
		MvcTestResult again = post(token, "/api/v1/events/batch", "{\"events\":[" + good + "," + other + "]}");
		assertThat(again.getResponse().getHeader("Baken-Duplicate")).isEqualTo("true");
		assertThat(again.getResponse().getContentAsString()).isEqualTo(stored.getResponse().getContentAsString());
	}

	/** Two deliveries of one event racing on two connections: one row, both answered alike. */
	@Test
	void racingRetriesStoreOnce() throws Exception {
		String token = token(Scope.EVENTS_WRITE);
		for (int round = 0; round < 5; round++) {
			String id = unique("race");
			String body = shipped(id, "race@example.nl", unique("order"), "PostNL");
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Callable<String>> calls = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					calls.add(() -> {
						MvcTestResult result = post(token, "/api/v1/events", body);
						assertThat(result).hasStatus(HttpStatus.ACCEPTED);
						return json.readTree(result.getResponse().getContentAsString()).get("id").asString();
					});
				}
				List<String> ids = new ArrayList<>();
				for (Future<String> f : pool.invokeAll(calls)) {
					ids.add(f.get());
				}
				assertThat(ids).containsOnly(ids.getFirst());
			}
			finally {
				pool.shutdown();
			}
			assertThat(jdbc.sql("select count(*) from business_event where event_id = ?").param(id).query(Long.class)
				.single()).isEqualTo(1);
			assertThat(published.stream(BusinessEventReceived.class).filter(e -> e.event().id().equals(id))).hasSize(1);
		}
	}

	private JsonNode receipt(MvcTestResult result) throws Exception {
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString());
	}

	private void assertField(MvcTestResult result, String field) throws Exception {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		JsonNode problem = json.readTree(result.getResponse().getContentAsString());
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private UUID customerWithEmail(String email) throws Exception {
		MvcTestResult inbound = post(token(Scope.INBOUND_WRITE), "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s"},"text":"Hallo",
				 "sentAt":"2026-11-26T09:00:00Z"}""".formatted(unique("m"), email));
		assertThat(inbound).hasStatus(HttpStatus.ACCEPTED);
		return UUID.fromString(json.readTree(inbound.getResponse().getContentAsString()).get("customerId").asString());
	}

	static String shipped(String id, String email, String order, String carrier) {
		return """
				{"id":"%s","type":"order.shipped","occurredAt":"2026-11-26T10:00:00Z",
				 "subject":{"customerEmail":"%s","orderId":"%s","postcode":"1012 AB"},
				 "data":{"carrier":"%s","expectedDelivery":"2026-11-28"}}""".formatted(id, email, order, carrier);
	}
}
