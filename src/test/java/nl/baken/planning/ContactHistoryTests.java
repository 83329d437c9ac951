package nl.baken.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Volume history from the event log, in the CSV shape the forecast command reads. */
@DatabaseTest
class ContactHistoryTests extends ApiTestSupport {

	@Test
	void contactsOfferedAreCountedPerIntervalOfTheirChannel() throws Exception {
		String channel = "hist" + unique("c").substring(2, 10).replace("-", "");
		String inbound = token(Scope.INBOUND_WRITE);
		for (int i = 0; i < 3; i++) {
			assertThat(post(inbound, "/api/v1/inbound", """
					{"channel":"%s","providerMessageId":"%s","sender":{"email":"%s@example.nl"},"text":"Hoi",
					 "sentAt":"2026-11-23T09:00:00Z"}""".formatted(channel, unique("h"), unique("h"))))
				.hasStatus(HttpStatus.ACCEPTED);
		}
		Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
		Instant to = from.plus(3, ChronoUnit.HOURS);
		String token = token(Scope.PLANNING);

		MvcTestResult csv = mvc.get()
			.uri("/api/v1/planning/history?from=" + from + "&to=" + to + "&intervalMinutes=15&channel=" + channel)
			.header("Authorization", token)
			.header("Accept", "text/csv")
			.exchange();
		assertThat(csv).hasStatus(HttpStatus.OK);
		List<String> lines = csv.getResponse().getContentAsString().lines().toList();
		assertThat(lines.getFirst()).isEqualTo("timestamp,count,aht_seconds");
		assertThat(lines).hasSize(1 + 12);
		assertThat(lines.stream().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[1])).sum()).isEqualTo(3);

		assertThat(mvc.get()
			.uri("/api/v1/planning/history?from=" + to + "&to=" + from)
			.header("Authorization", token)).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(mvc.get()
			.uri("/api/v1/planning/history?from=" + from + "&to=" + to + "&intervalMinutes=7")
			.header("Authorization", token)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("intervalMinutes");
	}

	/**
	 * Four calls into one queue: two answered (handle times 180 s and 60 s), one abandoned, one answered but ended
	 * five hours later; they count in the interval they were offered in, the last two without a handle time.
	 */
	@Test
	void handleTimesComeFromFirstAgentResponseToTheEndOfTheContactPerIntervalAndQueue() throws Exception {
		String queue = "q" + unique("").replace("-", "").substring(0, 12);
		String telephony = token(Scope.TELEPHONY_WRITE);
		Instant nine = Instant.parse("2026-10-05T07:00:00Z");
		call(telephony, queue, nine.plusSeconds(60), 20, 200);
		call(telephony, queue, nine.plusSeconds(120), 30, 90);
		call(telephony, queue, nine.plusSeconds(1860), -1, 45);
		// answered, then ended five hours later: waiting, not handling, so no handle time
		call(telephony, queue, nine.plusSeconds(1900), 10, 5 * 3600);
		call(telephony, queue + "x", nine.plusSeconds(200), 10, 1000);

		MvcTestResult json = mvc.get()
			.uri("/api/v1/planning/history?from=" + nine + "&to=" + nine.plusSeconds(3600) + "&channel=phone&queue="
					+ queue)
			.header("Authorization", token(Scope.PLANNING))
			.exchange();
		assertThat(json).hasStatus(HttpStatus.OK);
		assertThat(json).bodyJson().extractingPath("$[0].count").isEqualTo(2);
		assertThat(json).bodyJson().extractingPath("$[0].handled").isEqualTo(2);
		assertThat(json).bodyJson().extractingPath("$[0].ahtSeconds").isEqualTo(120.0);
		assertThat(json).bodyJson().extractingPath("$[1].count").isEqualTo(2);
		assertThat(json).bodyJson().extractingPath("$[1].handled").isEqualTo(0);
		assertThat(json).bodyJson().extractingPath("$[1].ahtSeconds").isNull();
	}

	/** A call offered at {@code at}, queued, answered after {@code answerAfter} s (or abandoned when negative), ended. */
	private void call(String token, String queue, Instant at, int answerAfter, int endAfter) throws Exception {
		String callId = unique("call");
		String caller = "+31612" + (100_000 + Math.floorMod(callId.hashCode(), 899_999));
		List<String> events = new java.util.ArrayList<>(List.of(
				event(callId, "1", "offered", at, caller, ""),
				event(callId, "2", "queued", at.plusSeconds(2), caller, ",\"queue\":\"" + queue + "\"")));
		if (answerAfter >= 0) {
			events.add(event(callId, "3", "answered", at.plusSeconds(answerAfter), caller, ",\"agent\":\"agent-h\""));
		}
		events.add(event(callId, "4", "ended", at.plusSeconds(endAfter), caller, ""));
		for (String event : events) {
			MvcTestResult result = post(token, "/api/v1/channels/telephony/events", event);
			assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(202);
		}
	}

	private static String event(String callId, String id, String type, Instant at, String caller, String extra) {
		return "{\"callId\":\"%s\",\"eventId\":\"%s\",\"type\":\"%s\",\"occurredAt\":\"%s\",\"caller\":\"%s\"%s}"
			.formatted(callId, id, type, at, caller, extra);
	}
}
