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
		assertThat(lines.getFirst()).isEqualTo("timestamp,count");
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
}
