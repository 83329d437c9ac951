package nl.baken.channel.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.DatabaseTest;
import nl.baken.TestDatabase;
import nl.baken.access.ApiTokens;
import nl.baken.access.Scope;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code replay-calls docs/samples/calls.csv} against a running Baken, through the same entry as the jar: every call
 * becomes a phone conversation with its IVR, queue, talk and hold times, the queue KPIs come out as computed by hand
 * from the file (including a call whose end arrived before its answer), and replaying again stores nothing twice.
 */
@DatabaseTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "baken.demo.enabled=false")
class ReplayCallsTests {

	static final Path SAMPLE = Path.of("docs/samples/calls.csv");

	static final Instant FROM = Instant.parse("2026-11-02T09:00:00Z");

	static final Instant TO = Instant.parse("2026-11-02T10:00:00Z");

	@LocalServerPort
	int port;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Kpis kpis;

	@Autowired
	TelephonyEvents telephony;

	@Autowired
	ContactEvents events;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	record Run(int exit, String out, String err) {
	}

	Run replay(String token) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = new ReplayCallsCommand(name -> null).run(
				new String[] { SAMPLE.toString(), "--url", "http://localhost:" + port, "--token", token },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	KpiResult kpi(String name) {
		return kpis.compute(name, new KpiQuery(FROM, TO, "phone", null, "klantenservice", null, Map.of()));
	}

	@Test
	void theSampleBecomesCallsWithTheirTimesAndTheQueueKpis() {
		String token = tokens.issue("replay-" + UUID.randomUUID(),
				EnumSet.of(Scope.TELEPHONY_WRITE, Scope.CONVERSATIONS_READ), Actor.system("test")).token();

		Run first = replay(token);
		assertThat(first.err()).isEmpty();
		assertThat(first.exit()).isZero();
		assertThat(first.out()).contains("52 events: 51 stored, 1 already there, 0 refused",
				"call C-1001: answered, IVR 19.0 s, queue 15.0 s, talk 270.0 s, hold 30.0 s",
				"call C-1002: answered, IVR 11.0 s, queue 50.0 s, talk 178.0 s, hold 0.0 s",
				"call C-1003: abandoned, IVR 9.0 s, queue 3.0 s, talk -, hold -",
				"call C-1004: abandoned, IVR -, queue 60.0 s, talk -, hold -",
				"call C-1005: answered, IVR 9.0 s, queue 15.0 s, talk 275.0 s, hold 0.0 s",
				"call C-1006: callback, IVR 14.0 s, queue 60.0 s, talk -, hold -",
				"call C-1007: ended in IVR, IVR 44.0 s, queue -, talk -, hold -",
				"call C-1008: answered, IVR -, queue 10.0 s, talk 168.0 s, hold 0.0 s",
				"call C-1009: abandoned, IVR -, queue 40.0 s, talk -, hold -",
				"call C-1010: answered, IVR -, queue 5.0 s, talk 112.0 s, hold 0.0 s");

		// by hand, T = 20 s, S = 5 s: answered in time C-1001, C-1005, C-1008, C-1010; offered minus the short
		// abandon C-1003 and the flow-out C-1006: 7; abandoned C-1004 (hung up in the queue) and C-1009
		assertThat(kpi("service-level").value()).isCloseTo(100.0 * 4 / 7, within(1e-9));
		assertThat(kpi("abandonment-rate").value()).isCloseTo(100.0 * 2 / 7, within(1e-9));
		assertThat(kpi("average-speed-of-answer").value()).isCloseTo((15 + 50 + 15 + 10 + 5) / 5.0, within(1e-9));

		TelephonyEvents.CallView c1002 = telephony.call("C-1002").orElseThrow();
		assertThat(c1002.summary().status().code()).isEqualTo("resolved");
		assertThat(events.ofConversations(List.of(c1002.conversationId())))
			.extracting(e -> e.type())
			.contains(ContactEventType.OFFERED, ContactEventType.IVR_ENTERED, ContactEventType.IVR_OPTION_CHOSEN,
					ContactEventType.IVR_LEFT, ContactEventType.QUEUED, ContactEventType.FIRST_AGENT_RESPONSE,
					ContactEventType.RESOLVED);
		long logged = events.ofConversations(List.of(c1002.conversationId())).size();

		Run again = replay(token);
		assertThat(again.exit()).isZero();
		assertThat(again.out()).contains("52 events: 0 stored, 52 already there, 0 refused");
		assertThat(events.ofConversations(List.of(c1002.conversationId()))).hasSize((int) logged);
		assertThat(kpi("service-level").value()).isCloseTo(100.0 * 4 / 7, within(1e-9));
	}

	@Test
	void withoutAUsableTokenOrFileTheCommandSaysWhy() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		ReplayCallsCommand command = new ReplayCallsCommand(name -> null);

		assertThat(nl.baken.CommandRunner.run(command, new String[] { SAMPLE.toString() }, out, errors)).isEqualTo(2);
		assertThat(nl.baken.CommandRunner.run(command,
				new String[] { "no-such-file.csv", "--token", "t", "--url", "http://localhost:" + port }, out, errors))
			.isEqualTo(2);
		assertThat(nl.baken.CommandRunner.run(command,
				new String[] { SAMPLE.toString(), "--token", "wrong", "--url", "http://localhost:" + port }, out,
				errors)).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("BAKEN_API_TOKEN", "cannot read no-such-file.csv",
				"refused (401)");
	}
}
