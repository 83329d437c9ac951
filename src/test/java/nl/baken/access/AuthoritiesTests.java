package nl.baken.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.ActionRequestView.Status;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Authorities against a real HTTP integration that checks signatures: within the limit an action runs at once, above
 * it a team lead of the same team whose own limit covers it approves, nobody approves their own request, and each
 * step is audited.
 */
@DatabaseTest
class AuthoritiesTests extends ApiTestSupport {

	@Autowired
	Authorities authorities;

	@Autowired
	Integrations integrations;

	@Autowired
	Users users;

	@Autowired
	Teams teams;

	@Autowired
	AuditLog audit;

	IntegrationPeer shop;

	String integration;

	String refund;

	String resend;

	String team;

	@BeforeEach
	void shopWithActions() throws Exception {
		shop = new IntegrationPeer(UUID.randomUUID().toString());
		integration = "shop-" + UUID.randomUUID().toString().substring(0, 8);
		shop.registerWith(integrations, integration);
		refund = "refund-" + UUID.randomUUID().toString().substring(0, 8);
		resend = "resend-" + UUID.randomUUID().toString().substring(0, 8);
		Actor admin = Actor.system("test");
		authorities.define(new AuthorityAction(refund, "Terugbetalen", "Refund", integration, "/refunds", true), admin);
		authorities.define(new AuthorityAction(resend, "Opnieuw sturen", "Resend", integration, "/resends", false),
				admin);
		authorities.grant(Role.AGENT, refund, 5_000L, admin);
		authorities.grant(Role.TEAM_LEAD, refund, 25_000L, admin);
		authorities.grant(Role.ADMIN, refund, null, admin);
		authorities.grant(Role.TEAM_LEAD, resend, null, admin);
		team = "t" + UUID.randomUUID().toString().substring(0, 8);
		teams.define(team, "Team " + team, "Team " + team);
	}

	@AfterEach
	void stopShop() {
		shop.close();
	}

	@Test
	void withinTheLimitTheActionRunsAtOnceThroughASignedCall() {
		UserView agent = user(Role.AGENT, team);
		UUID conversation = UUID.randomUUID();

		ActionRequestView done = authorities.request(agent, request(refund, conversation, 2_550L));

		assertThat(done.status()).isEqualTo(Status.EXECUTED);
		assertThat(done.result()).isEqualTo("Booked, reference R-42");
		assertThat(shop.calls).singleElement().satisfies(call -> {
			assertThat(call.signatureValid()).isTrue();
			assertThat(call.path()).isEqualTo("/refunds");
			assertThat(call.idempotencyKey()).isEqualTo(done.id().toString());
			JsonNode body = json.readTree(call.body());
			assertThat(body.get("amountCents").asLong()).isEqualTo(2_550L);
			assertThat(body.get("currency").asString()).isEqualTo("EUR");
			assertThat(body.get("conversationId").asString()).isEqualTo(conversation.toString());
			assertThat(body.get("requestedBy").asString()).isEqualTo(agent.username());
		});
		assertThat(audit.forSubject("action_request", done.id().toString())).extracting(AuditLog.Entry::action)
			.containsExactly("authority.run", "authority.executed");
		assertThat(authorities.ofConversation(conversation)).extracting(ActionRequestView::status)
			.containsExactly(Status.EXECUTED);
	}

	@Test
	void aboveTheLimitATeamLeadOfTheSameTeamApproves() {
		UserView agent = user(Role.AGENT, team);
		UserView lead = user(Role.TEAM_LEAD, team);
		UserView otherLead = user(Role.TEAM_LEAD, null);

		ActionRequestView pending = authorities.request(agent, request(refund, UUID.randomUUID(), 8_000L));

		assertThat(pending.status()).isEqualTo(Status.PENDING_APPROVAL);
		assertThat(shop.calls).isEmpty();
		assertThat(authorities.awaitingApproval(agent)).isEmpty();
		assertThat(authorities.awaitingApproval(otherLead)).extracting(ActionRequestView::id).doesNotContain(pending.id());
		assertThatThrownBy(() -> authorities.approve(otherLead, pending.id())).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> authorities.approve(agent, pending.id())).isInstanceOf(NotFoundException.class);
		assertThat(authorities.awaitingApproval(lead)).extracting(ActionRequestView::id).containsExactly(pending.id());

		ActionRequestView approved = authorities.approve(lead, pending.id());

		assertThat(approved.status()).isEqualTo(Status.EXECUTED);
		assertThat(approved.decidedBy()).isEqualTo(lead.username());
		assertThat(shop.calls).singleElement().satisfies(call -> {
			assertThat(call.signatureValid()).isTrue();
			assertThat(json.readTree(call.body()).get("approvedBy").asString()).isEqualTo(lead.username());
		});
		assertThatThrownBy(() -> authorities.approve(lead, pending.id())).as("decided once")
			.isInstanceOf(NotFoundException.class);
		assertThat(audit.forSubject("action_request", pending.id().toString())).extracting(AuditLog.Entry::action)
			.containsExactly("authority.approval-requested", "authority.approved", "authority.executed");
	}

	@Test
	void aLeadCannotApproveAboveTheirOwnLimitNorTheirOwnRequestButAnAdminCan() {
		UserView agent = user(Role.AGENT, team);
		UserView lead = user(Role.TEAM_LEAD, team);
		UserView admin = user(Role.ADMIN, null);

		ActionRequestView big = authorities.request(agent, request(refund, UUID.randomUUID(), 40_000L));
		assertThatThrownBy(() -> authorities.approve(lead, big.id())).isInstanceOf(RuleViolationException.class);
		ActionRequestView own = authorities.request(lead, request(refund, UUID.randomUUID(), 30_000L));
		assertThat(authorities.awaitingApproval(lead)).extracting(ActionRequestView::id).doesNotContain(own.id());
		assertThatThrownBy(() -> authorities.approve(lead, own.id())).isInstanceOf(NotFoundException.class);

		assertThat(authorities.approve(admin, big.id()).status()).isEqualTo(Status.EXECUTED);
		ActionRequestView rejected = authorities.reject(admin, own.id(), "  te hoog  ");
		assertThat(rejected.status()).isEqualTo(Status.REJECTED);
		assertThat(rejected.result()).isEqualTo("te hoog");
		assertThat(shop.calls).hasSize(1);
	}

	@Test
	void actionsOutsideSomeonesRolesOrWithoutAValidAmountAreRefused() {
		UserView agent = user(Role.AGENT, team);
		assertThatThrownBy(() -> authorities.request(agent, request(resend, UUID.randomUUID(), null)))
			.isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> authorities.request(agent, request(refund, UUID.randomUUID(), null)))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> authorities.request(agent, request(refund, UUID.randomUUID(), -5L)))
			.isInstanceOf(InvalidInputException.class);
		assertThat(authorities.allowedTo(agent)).extracting(a -> a.action().id()).contains(refund).doesNotContain(resend);
		assertThat(authorities.allowedTo(user(Role.KNOWLEDGE_EDITOR, null))).extracting(a -> a.action().id())
			.doesNotContain(refund, resend);
		assertThat(shop.calls).isEmpty();
	}

	@Test
	void aShopThatRefusesOrIsDownLeavesAFailedRequestWithAReadableReason() {
		UserView lead = user(Role.TEAM_LEAD, team);
		shop.status = 500;
		ActionRequestView refused = authorities.request(lead, request(resend, UUID.randomUUID(), null));
		assertThat(refused.status()).isEqualTo(Status.FAILED);
		assertThat(refused.result()).isEqualTo("the integration answered HTTP 500");

		shop.close();
		ActionRequestView down = authorities.request(lead, request(resend, UUID.randomUUID(), null));
		assertThat(down.status()).isEqualTo(Status.FAILED);
		assertThat(down.result()).startsWith("integration '" + integration + "' did not answer");
	}

	@Test
	void aSignatureHoldsForItsBodyAndSecretOnlyAndNotForLong() {
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		Instant now = Instant.parse("2026-11-26T12:00:00Z");
		long t = now.getEpochSecond();
		String header = "t=" + t + ",v1=" + nl.baken.shared.Hmac.sha256Hex("geheim",
				(t + ".{\"a\":1}").getBytes(StandardCharsets.UTF_8));
		Duration window = Duration.ofMinutes(5);
		assertThat(Integrations.verify("geheim", header, body, now, window)).isTrue();
		assertThat(Integrations.verify("anders", header, body, now, window)).isFalse();
		assertThat(Integrations.verify("geheim", header, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), now, window))
			.isFalse();
		assertThat(Integrations.verify("geheim", header, body, now.plus(Duration.ofMinutes(6)), window)).isFalse();
		assertThat(Integrations.verify("geheim", null, body, now, window)).isFalse();
		assertThat(Integrations.verify("geheim", "t=abc,v1=00", body, now, window)).isFalse();
	}

	@Test
	void adminsSetLimitsPerRoleThroughTheApi() throws Exception {
		String admin = token(Scope.ADMIN);
		assertThat(mvc.put()
			.uri("/api/v1/authorities/grants/agent/" + resend)
			.header("Authorization", admin)
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{\"limitCents\":null}")
			.exchange()).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(authorities.allowedTo(user(Role.AGENT, team))).extracting(a -> a.action().id()).contains(resend);
		assertThat(mvc.put()
			.uri("/api/v1/authorities/grants/agent/" + resend)
			.header("Authorization", admin)
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{\"limitCents\":500}")
			.exchange()).as("no amount to limit").hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(mvc.put()
			.uri("/api/v1/authorities/grants/wizard/" + resend)
			.header("Authorization", admin)
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange()).hasStatus(HttpStatus.BAD_REQUEST);
		JsonNode overview = get(admin, "/api/v1/authorities");
		assertThat(overview.get("actions").findValuesAsString("id")).contains(refund, resend);
		assertThat(mvc.delete()
			.uri("/api/v1/authorities/grants/agent/" + resend)
			.header("Authorization", admin)
			.exchange()).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(authorities.allowedTo(user(Role.AGENT, team))).extracting(a -> a.action().id())
			.doesNotContain(resend);
	}

	private Authorities.NewRequest request(String action, UUID conversation, Long cents) {
		return new Authorities.NewRequest(action, conversation, UUID.randomUUID(), team, cents, "beschadigd pakket");
	}

	private UserView user(Role role, String teamId) {
		String name = role.code() + "-" + UUID.randomUUID().toString().substring(0, 8);
		return users.create(new NewUser(name, name, "wachtwoord-" + UUID.randomUUID(), EnumSet.of(role), teamId, "nl"),
				Actor.system("test"));
	}
}
