package nl.baken.channel.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.Kpis;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * The telephony event API: one conversation per call, each event stored once, refusals that name the field, and
 * results that do not depend on the order in which events arrive, down to the KPIs computed from them.
 */
@DatabaseTest
class TelephonyApiTests extends ApiTestSupport {

	static final String EVENTS = "/api/v1/channels/telephony/events";

	@Autowired
	Kpis kpis;

	@Autowired
	Customers customers;

	@Autowired
	JdbcClient jdbc;

	record E(String eventId, String type, Instant at, String extra) {
	}

	String body(String callId, String caller, E e) {
		return "{\"callId\":\"%s\",\"eventId\":\"%s\",\"type\":\"%s\",\"occurredAt\":\"%s\",\"caller\":\"%s\"%s}"
			.formatted(callId, e.eventId(), e.type(), e.at(), caller, e.extra().isEmpty() ? "" : "," + e.extra());
	}

	JsonNode send(String token, String callId, String caller, E e) throws Exception {
		MvcTestResult result = post(token, EVENTS, body(callId, caller, e));
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString());
	}

	/** A call through the IVR into a queue, answered after a ring, held, transferred, answered again, ended. */
	static List<E> fullCall(Instant t, String queue) {
		return List.of(new E("1", "offered", t, ""), new E("2", "ivr_entered", t.plusSeconds(1), "\"menu\":\"main\""),
				new E("3", "ivr_option_chosen", t.plusSeconds(12), "\"menu\":\"main\",\"option\":\"2\""),
				new E("4", "queued", t.plusSeconds(14), "\"queue\":\"" + queue + "\""),
				new E("5", "ringing", t.plusSeconds(40), "\"agent\":\"agent-a\""),
				new E("6", "answered", t.plusSeconds(44), "\"agent\":\"agent-a\""),
				new E("7", "hold_started", t.plusSeconds(100), "\"agent\":\"agent-a\""),
				new E("8", "hold_ended", t.plusSeconds(130), "\"agent\":\"agent-a\""),
				new E("9", "transferred", t.plusSeconds(200),
						"\"agent\":\"agent-a\",\"toQueue\":\"" + queue + "-2\",\"reason\":\"billing\""),
				new E("10", "queued", t.plusSeconds(200), "\"queue\":\"" + queue + "-2\""),
				new E("11", "answered", t.plusSeconds(230), "\"agent\":\"agent-b\""),
				new E("12", "ended", t.plusSeconds(400), ""));
	}

	List<CountedContact> counted(String kpi, Instant from, String queue) {
		return kpis.drilldown(kpi, new KpiQuery(from, from.plusSeconds(3600), "phone", null, queue, null, Map.of()))
			.contacts();
	}

	@Test
	void everyArrivalOrderGivesTheSameCallAndTheSameKpis() throws Exception {
		String token = token(Scope.TELEPHONY_WRITE, Scope.CONVERSATIONS_READ);
		String queue = unique("q");
		Random random = new Random(42);
		List<JsonNode> summaries = new ArrayList<>();
		List<List<String>> notes = new ArrayList<>();
		for (int run = 0; run < 6; run++) {
			Instant start = Instant.parse("2025-03-03T08:00:00Z").plusSeconds(run * 7200L);
			List<E> events = new ArrayList<>(fullCall(start, queue));
			if (run == 1) {
				Collections.reverse(events);
			}
			else if (run > 1) {
				Collections.shuffle(events, random);
			}
			String callId = unique("call");
			for (E e : events) {
				send(token, callId, "+31201234567", e);
			}
			JsonNode call = get(token, "/api/v1/channels/telephony/calls/" + callId);
			// the times differ per run (each its own hour); everything else must be the same
			tools.jackson.databind.node.ObjectNode summary = (tools.jackson.databind.node.ObjectNode) call.path("summary")
				.deepCopy();
			summary.remove(List.of("startedAt", "answeredAt", "endedAt"));
			summaries.add(summary);
			List<String> kpiNotes = new ArrayList<>();
			for (String kpi : List.of("service-level", "abandonment-rate", "average-speed-of-answer", "transfer-rate")) {
				kpiNotes.addAll(counted(kpi, start, queue).stream()
					.map(c -> kpi + ": " + c.numerator() + "/" + c.denominator() + " " + c.note())
					.toList());
			}
			notes.add(kpiNotes);
		}
		JsonNode first = summaries.getFirst();
		assertThat(first.path("outcome").asString()).isEqualTo("answered");
		assertThat(first.path("ivrSeconds").asDouble()).isEqualTo(13.0);
		assertThat(first.path("queueSeconds").asDouble()).isEqualTo(30.0);
		assertThat(first.path("holdSeconds").asDouble()).isEqualTo(30.0);
		assertThat(first.path("talkSeconds").asDouble()).isEqualTo(326.0);
		assertThat(first.path("agent").asString()).isEqualTo("agent-b");
		assertThat(first.path("status").asString()).isEqualTo("resolved");
		assertThat(summaries).allSatisfy(s -> assertThat(s).isEqualTo(first));
		assertThat(notes.getFirst()).contains("service-level: false/true answered after 30.0 s",
				"abandonment-rate: false/true answered after 30.0 s", "transfer-rate: true/true transferred");
		assertThat(notes).allSatisfy(n -> assertThat(n).isEqualTo(notes.getFirst()));
	}

	@Test
	void anEndBeforeItsAnswerStillCountsAsAnsweredAndAnEndInTheQueueAsAnAbandon() throws Exception {
		String token = token(Scope.TELEPHONY_WRITE, Scope.CONVERSATIONS_READ);
		String queue = unique("q");
		Instant t = Instant.parse("2025-04-07T10:00:00Z");
		String answered = unique("call");
		send(token, answered, "0201234567", new E("o", "offered", t, ""));
		send(token, answered, "0201234567", new E("q", "queued", t.plusSeconds(2), "\"queue\":\"" + queue + "\""));
		send(token, answered, "0201234567", new E("end", "ended", t.plusSeconds(300), ""));
		assertThat(get(token, "/api/v1/channels/telephony/calls/" + answered).path("summary").path("outcome").asString())
			.isEqualTo("abandoned");
		send(token, answered, "0201234567", new E("a", "answered", t.plusSeconds(12), "\"agent\":\"agent-x\""));

		String hungUp = unique("call");
		send(token, hungUp, "0201234568", new E("end", "ended", t.plusSeconds(100), ""));
		send(token, hungUp, "0201234568", new E("o", "offered", t.plusSeconds(60), ""));
		send(token, hungUp, "0201234568", new E("q", "queued", t.plusSeconds(61), "\"queue\":\"" + queue + "\""));

		JsonNode call = get(token, "/api/v1/channels/telephony/calls/" + answered);
		assertThat(call.path("summary").path("outcome").asString()).isEqualTo("answered");
		assertThat(call.path("summary").path("queueSeconds").asDouble()).isEqualTo(10.0);
		assertThat(call.path("summary").path("status").asString()).isEqualTo("resolved");
		var query = new KpiQuery(t, t.plusSeconds(3600), "phone", null, queue, null, Map.of());
		assertThat(kpis.compute("service-level", query).value()).isCloseTo(50.0, within(1e-9));
		assertThat(kpis.compute("abandonment-rate", query).value()).isCloseTo(50.0, within(1e-9));
		assertThat(kpis.compute("average-speed-of-answer", query).value()).isCloseTo(10.0, within(1e-9));
		JsonNode conversation = get(token(Scope.CONVERSATIONS_READ),
				"/api/v1/conversations/" + call.path("conversationId").asString());
		assertThat(conversation.path("conversation").path("channel").asString()).isEqualTo("phone");
		assertThat(conversation.path("conversation").path("assignedAgent").asString()).isEqualTo("agent-x");
		assertThat(customers.findByIdentity(Identity.phone("+31201234567"))).isPresent();
	}

	@Test
	void aCallReportedWithoutAnOfferIsCountedAndALateOfferOnlyOnce() throws Exception {
		String token = token(Scope.TELEPHONY_WRITE, Scope.CONVERSATIONS_READ);
		String queue = unique("q");
		Instant t = Instant.parse("2025-05-05T10:00:00Z");
		String noOffer = unique("call");
		send(token, noOffer, "0201234569", new E("q", "queued", t, "\"queue\":\"" + queue + "\""));
		send(token, noOffer, "0201234569", new E("a", "answered", t.plusSeconds(8), "\"agent\":\"agent-y\""));
		send(token, noOffer, "0201234569", new E("end", "ended", t.plusSeconds(120), ""));
		String lateOffer = unique("call");
		JsonNode late = send(token, lateOffer, "0201234570",
				new E("q", "queued", t.plusSeconds(60), "\"queue\":\"" + queue + "\""));
		send(token, lateOffer, "0201234570", new E("o", "offered", t.plusSeconds(59), ""));
		send(token, lateOffer, "0201234570", new E("end", "ended", t.plusSeconds(90), ""));

		var query = new KpiQuery(t, t.plusSeconds(3600), "phone", null, queue, null, Map.of());
		// two calls offered: one answered after 8 s, one hung up after 30 s in the queue
		assertThat(kpis.compute("service-level", query).denominator()).isEqualTo(2.0);
		assertThat(kpis.compute("service-level", query).value()).isCloseTo(50.0, within(1e-9));
		assertThat(kpis.compute("abandonment-rate", query).value()).isCloseTo(50.0, within(1e-9));
		assertThat(jdbc.sql("select count(*) from contact_event where conversation_id = ? and type = 'offered'")
			.param(UUID.fromString(late.path("conversationId").asString()))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anEventIsStoredOnceAndCallsOfOneCallerAreOneCustomer() throws Exception {
		String token = token(Scope.TELEPHONY_WRITE);
		String callId = unique("call");
		Instant t = Instant.parse("2025-05-05T09:00:00Z");
		JsonNode first = send(token, callId, "+31301234567", new E("o", "offered", t, ""));
		JsonNode again = send(token, callId, "+31301234567", new E("o", "offered", t, ""));
		assertThat(first.path("duplicate").asBoolean()).isFalse();
		assertThat(again.path("duplicate").asBoolean()).isTrue();
		assertThat(again.path("conversationId").asString()).isEqualTo(first.path("conversationId").asString());
		assertThat(jdbc.sql("select count(*) from contact_event where conversation_id = ?")
			.param(UUID.fromString(first.path("conversationId").asString()))
			.query(Long.class)
			.single()).isEqualTo(1);

		JsonNode other = send(token, unique("call"), "030 123 4567", new E("o", "offered", t.plusSeconds(600), ""));
		assertThat(other.path("conversationId").asString()).isNotEqualTo(first.path("conversationId").asString());
		String customerOf = "select customer_id from conversation where id = ?";
		assertThat(jdbc.sql(customerOf).param(UUID.fromString(other.path("conversationId").asString()))
			.query(UUID.class)
			.single()).isEqualTo(jdbc.sql(customerOf)
				.param(UUID.fromString(first.path("conversationId").asString()))
				.query(UUID.class)
				.single());

		JsonNode anonymous = send(token, unique("call"), "anonymous", new E("o", "offered", t, ""));
		assertThat(anonymous.path("duplicate").asBoolean()).isFalse();
	}

	@Test
	void eventsOfOneCallArrivingTogetherMakeOneConversation() throws Exception {
		String token = token(Scope.TELEPHONY_WRITE, Scope.CONVERSATIONS_READ);
		String callId = unique("call");
		String queue = unique("q");
		List<E> events = fullCall(Instant.parse("2025-06-02T09:00:00Z"), queue);
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Callable<JsonNode>> sends = events.stream()
				.map(e -> (Callable<JsonNode>) () -> send(token, callId, "+31401234567", e))
				.toList();
			List<String> conversations = new ArrayList<>();
			for (Future<JsonNode> f : pool.invokeAll(sends)) {
				conversations.add(f.get().path("conversationId").asString());
			}
			assertThat(conversations).hasSize(events.size()).containsOnly(conversations.getFirst());
		}
		finally {
			pool.shutdown();
		}
		assertThat(get(token, "/api/v1/channels/telephony/calls/" + callId).path("events")).hasSize(events.size());
	}

	@Test
	void badEventsAreRefusedWithTheFieldNamed() throws Exception {
		String token = token(Scope.TELEPHONY_WRITE);
		Instant t = Instant.parse("2025-07-07T09:00:00Z");
		assertRefused(post(token, EVENTS, body("c1", "+31201234567", new E("1", "teleported", t, ""))), "type",
				"offered, ivr_entered");
		assertRefused(post(token, EVENTS, body("c1", "+31201234567", new E("1", "queued", t, ""))), "queue");
		assertRefused(post(token, EVENTS, body("c1", "+31201234567", new E("1", "answered", t, ""))), "agent");
		assertRefused(post(token, EVENTS, body("c1", "+31201234567", new E("1", "transferred", t, ""))), "toQueue");
		assertRefused(post(token, EVENTS, body("c1", "not a number", new E("1", "offered", t, ""))), "phone");
		assertRefused(post(token, EVENTS, body("c 1", "+31201234567", new E("1", "offered", t, ""))), "callId");
		assertRefused(post(token, EVENTS, "{\"callId\":\"c1\",\"eventId\":\"1\",\"type\":\"offered\",\"caller\":\"x\"}"),
				"occurredAt");
		assertThat(mvc.get()
			.uri("/api/v1/channels/telephony/calls/" + unique("none"))
			.header("Authorization", token(Scope.CONVERSATIONS_READ))
			.exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(jdbc.sql("select count(*) from telephony_call where call_id = 'c1'").query(Long.class).single())
			.isZero();
	}

	private static void assertRefused(MvcTestResult result, String... parts) throws Exception {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).contains(parts);
	}
}
