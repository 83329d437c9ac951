package nl.baken.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Teams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@DatabaseTest
class ConversationApiTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Teams teams;

	@Autowired
	Conversations conversations;

	@Autowired
	ContactReasons reasons;

	String token;

	String team;

	String otherTeam;

	String reason;

	@BeforeEach
	void organisation() {
		token = token();
		team = "t" + UUID.randomUUID().toString().substring(0, 8);
		otherTeam = "t" + UUID.randomUUID().toString().substring(0, 8);
		teams.define(team, "Bestellingen", "Orders");
		teams.define(otherTeam, "Retouren", "Returns");
		reason = "r" + UUID.randomUUID().toString().substring(0, 8);
		reasons.define(new ContactReason(reason, "Waar is mijn bestelling", "Where is my order", true, false));
	}

	@Test
	void anAgentRepliesTransfersResolvesAndReopensAndEveryStepIsAnEvent() throws Exception {
		String conversation = inbound(unique("c") + "@example.nl");

		assertThat(call("/assignment", "{\"agentId\":\"anna\",\"teamId\":\"" + team + "\"}")).hasStatus(HttpStatus.OK);
		MvcTestResult reply = mvc.post()
			.uri("/api/v1/conversations/" + conversation + "/replies")
			.header("Authorization", token)
			.header("Idempotency-Key", "reply-1")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"agentId\":\"anna\",\"text\":\"Uw pakket komt morgen.\"}")
			.exchange();
		assertThat(reply).hasStatus(HttpStatus.CREATED);
		MvcTestResult again = mvc.post()
			.uri("/api/v1/conversations/" + conversation + "/replies")
			.header("Authorization", token)
			.header("Idempotency-Key", "reply-1")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"agentId\":\"anna\",\"text\":\"Uw pakket komt morgen.\"}")
			.exchange();
		assertThat(field(again, "id")).isEqualTo(field(reply, "id"));

		assertThat(call("/notes", "{\"agentId\":\"anna\",\"text\":\"Klant belt vaker\"}")).hasStatus(HttpStatus.CREATED);
		assertThat(call("/transfers", "{\"toTeamId\":\"" + otherTeam + "\",\"reason\":\"retour, geen bezorging\"}"))
			.hasStatus(HttpStatus.OK)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("queued");
		assertThat(call("/resolve", "{\"reasonId\":\"" + reason + "\",\"agentId\":\"bram\"}")).hasStatus(HttpStatus.OK)
			.bodyJson()
			.extractingPath("$.contactReasonId")
			.isEqualTo(reason);
		assertThat(call("/replies", "{\"agentId\":\"bram\",\"text\":\"nog iets\"}")).hasStatus(HttpStatus.CONFLICT);
		assertThat(call("/reopen", "{\"agentId\":\"bram\"}")).hasStatus(HttpStatus.OK);

		JsonNode detail = detail(conversation);
		List<String> types = new ArrayList<>();
		detail.get("events").forEach(e -> types.add(e.get("type").asString()));
		assertThat(types).containsExactly("offered", "queued", "message_received", "assigned", "first_agent_response",
				"message_sent", "note_added", "transferred", "queued", "resolved", "reopened");
		JsonNode transfer = detail.get("events").get(7);
		assertThat(transfer.get("attributes").get("fromTeam").asString()).isEqualTo(team);
		assertThat(transfer.get("attributes").get("toTeam").asString()).isEqualTo(otherTeam);
		assertThat(transfer.get("attributes").get("reason").asString()).isEqualTo("retour, geen bezorging");
		assertThat(transfer.get("attributes").get("level").asString()).isEqualTo("team");
		JsonNode resolved = detail.get("events").get(9);
		assertThat(resolved.get("actor").get("id").asString()).isEqualTo("bram");
		assertThat(resolved.get("attributes").get("informational").asBoolean()).isTrue();
		assertThat(detail.get("messages")).hasSize(2);
		assertThat(detail.get("notes").get(0).get("text").asString()).isEqualTo("Klant belt vaker");
	}

	@Test
	void concurrentRepliesWithOneIdempotencyKeyStoreOneMessage() throws Exception {
		String conversation = inbound(unique("idem") + "@example.nl");
		List<Callable<String>> replies = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			replies.add(() -> {
				try {
					return conversations.reply(new ConversationId(UUID.fromString(conversation)), "anna", "Dubbel?",
							"same-key", Instant.now()).id().toString();
				}
				catch (DataIntegrityViolationException clash) {
					return "409";
				}
			});
		}
		List<String> outcomes = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (Future<String> outcome : pool.invokeAll(replies)) {
				outcomes.add(outcome.get());
			}
		}
		assertThat(outcomes.stream().filter(o -> !o.equals("409")).distinct()).hasSize(1);
		assertThat(jdbc.sql("select count(*) from message where conversation_id = ? and idempotency_key = 'same-key'")
			.param(UUID.fromString(conversation))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void resolvingNeedsAKnownReasonAndATransferNeedsATargetAndAReason() throws Exception {
		String conversation = inbound(unique("d") + "@example.nl");
		assertThat(call("/resolve", "{}")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(call("/resolve", "{\"reasonId\":\"bestaat-niet\"}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("unknown contact reason");
		assertThat(call("/transfers", "{\"reason\":\"verkeerd team\"}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("a team or an agent");
		assertThat(call("/transfers", "{\"toTeamId\":\"" + otherTeam + "\"}")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(call("/transfers", "{\"toTeamId\":\"geen-team\",\"reason\":\"x\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(detail(conversation).get("events")).hasSize(3);
		assertThat(detail(conversation).get("conversation").get("status").asString()).isEqualTo("queued");
	}

	@Test
	void unknownIdsAreNotFound() {
		String missing = UUID.randomUUID().toString();
		assertThat(mvc.get().uri("/api/v1/conversations/" + missing).header("Authorization", token))
			.hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains(missing);
		assertThat(mvc.post()
			.uri("/api/v1/conversations/" + missing + "/resolve")
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reasonId\":\"" + reason + "\"}")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/api/v1/conversations/not-a-uuid").header("Authorization", token))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(mvc.get().uri("/api/v1/customers/" + missing + "/timeline").header("Authorization", token))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void conversationsArePagedWithACursor() throws Exception {
		String email = unique("p") + "@example.nl";
		for (String channel : List.of("email", "webchat", "whatsapp")) {
			MvcTestResult result = mvc.post()
				.uri("/api/v1/inbound")
				.header("Authorization", token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"channel":"%s","providerMessageId":"%s","sender":{"email":"%s"},"text":"hoi",
						 "sentAt":"2026-11-20T09:00:00Z"}""".formatted(channel, unique("m"), email))
				.exchange();
			assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		}
		String customer = json.readTree(mvc.get()
			.uri("/api/v1/customers?email=" + email)
			.header("Authorization", token)
			.exchange()
			.getResponse()
			.getContentAsString()).get("id").asString();
		List<String> seen = new ArrayList<>();
		String cursor = "";
		do {
			JsonNode page = json.readTree(mvc.get()
				.uri("/api/v1/customers/" + customer + "/timeline?limit=2&cursor=" + cursor)
				.header("Authorization", token)
				.exchange()
				.getResponse()
				.getContentAsString());
			page.get("conversations").forEach(c -> seen.add(c.get("conversation").get("channel").asString()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
		}
		while (cursor != null);
		assertThat(seen).containsExactly("whatsapp", "webchat", "email");
		assertThat(mvc.get().uri("/api/v1/conversations?cursor=rommel").header("Authorization", token))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	private String conversationId;

	private String inbound(String email) throws Exception {
		MvcTestResult result = mvc.post()
			.uri("/api/v1/inbound")
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"channel":"email","providerMessageId":"%s","sender":{"email":"%s"},"text":"Waar is mijn pakket?",
					 "sentAt":"2026-11-20T09:00:00Z"}""".formatted(unique("m"), email))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		conversationId = field(result, "conversationId");
		return conversationId;
	}

	private MvcTestResult call(String action, String body) {
		return mvc.post()
			.uri("/api/v1/conversations/" + conversationId + action)
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private JsonNode detail(String conversation) throws Exception {
		return json.readTree(mvc.get()
			.uri("/api/v1/conversations/" + conversation)
			.header("Authorization", token)
			.exchange()
			.getResponse()
			.getContentAsString());
	}

	private String field(MvcTestResult result, String name) throws Exception {
		return json.readTree(result.getResponse().getContentAsString()).get(name).asString();
	}
}
