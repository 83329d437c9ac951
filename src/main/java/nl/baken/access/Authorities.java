package nl.baken.access;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.baken.access.ActionRequestView.Status;
import nl.baken.access.internal.AuthorityStore;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What people may do for a customer, and up to which amount. Within their limit an action runs at once through its
 * integration; above it, it waits for a team lead of the same team (or an admin) whose own limit covers it, and who is
 * not the requester. Every step is in the audit log. The integration is called outside any database transaction, after
 * the request is committed as approved, so a slow shop never holds locks; its answer is stored as the result.
 */
@Service
public class Authorities {

	/** An action a person may run, with the highest limit any of their roles gives (null: no limit). */
	public record Allowed(AuthorityAction action, Long limitCents) {

		public boolean covers(Long amountCents) {
			return limitCents == null || amountCents == null || amountCents <= limitCents;
		}
	}

	/** What an agent asks for; the conversation's customer and team come from the caller, who checked access. */
	public record NewRequest(String actionId, UUID conversationId, UUID customerId, String teamId, Long amountCents,
			String details) {
	}

	private static final long MAX_AMOUNT_CENTS = 100_000_000L;

	private final AuthorityStore store;

	private final Integrations integrations;

	private final AuditLog audit;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Authorities(AuthorityStore store, Integrations integrations, AuditLog audit, JsonMapper json,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.integrations = integrations;
		this.audit = audit;
		this.json = json;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	public List<AuthorityAction> actions() {
		return store.actions();
	}

	@Transactional
	public void define(AuthorityAction action, Actor by) {
		store.insertAction(action);
		audit.record(by, "authority.action-defined", "authority_action", action.id(),
				Map.of("integration", action.integration(), "path", action.path()));
	}

	public List<AuthorityGrant> grants() {
		return store.grants();
	}

	/** Lets a role run an action up to {@code limitCents} (null: without limit). */
	@Transactional
	public void grant(Role role, String actionId, Long limitCents, Actor by) {
		AuthorityAction action = action(actionId);
		if (limitCents != null && (!action.withAmount() || limitCents < 0 || limitCents > MAX_AMOUNT_CENTS)) {
			throw new InvalidInputException("limitCents", action.withAmount()
					? "a limit is between 0 and " + MAX_AMOUNT_CENTS + " cents" : actionId + " has no amount to limit");
		}
		store.putGrant(new AuthorityGrant(role, actionId, limitCents));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("role", role.code());
		details.put("limitCents", limitCents);
		audit.record(by, "authority.granted", "authority_action", actionId, details);
	}

	@Transactional
	public void revoke(Role role, String actionId, Actor by) {
		if (store.removeGrant(role, actionId)) {
			audit.record(by, "authority.revoked", "authority_action", actionId, Map.of("role", role.code()));
		}
	}

	/** The actions this person may run, each with their highest limit. */
	public List<Allowed> allowedTo(UserView user) {
		List<AuthorityGrant> grants = store.grants().stream().filter(g -> user.roles().contains(g.role())).toList();
		return store.actions().stream().flatMap(action -> allowed(grants, action).stream()).toList();
	}

	private static Optional<Allowed> allowed(List<AuthorityGrant> grants, AuthorityAction action) {
		List<AuthorityGrant> mine = grants.stream().filter(g -> g.actionId().equals(action.id())).toList();
		if (mine.isEmpty()) {
			return Optional.empty();
		}
		boolean unlimited = mine.stream().anyMatch(g -> g.limitCents() == null);
		return Optional.of(new Allowed(action,
				unlimited ? null : mine.stream().mapToLong(AuthorityGrant::limitCents).max().getAsLong()));
	}

	private Optional<Allowed> allowed(UserView user, AuthorityAction action) {
		return allowed(store.grants().stream().filter(g -> user.roles().contains(g.role())).toList(), action);
	}

	/**
	 * Runs the action when it is within the requester's limit, otherwise files it for approval. Refused when none of
	 * their roles has the action at all.
	 */
	public ActionRequestView request(UserView user, NewRequest request) {
		AuthorityAction action = action(request.actionId());
		Allowed allowed = allowed(user, action)
			.orElseThrow(() -> new RuleViolationException(user.username() + " may not run " + action.id()));
		Long amount = amount(action, request.amountCents());
		if (request.details() != null && request.details().length() > 2000) {
			throw new InvalidInputException("details", "details are at most 2000 characters");
		}
		Instant now = clock.instant();
		boolean within = allowed.covers(amount);
		ActionRequestView filed = new ActionRequestView(Ids.next(), action.id(), request.conversationId(),
				request.customerId(), request.teamId(), user.username(), amount, blankToNull(request.details()),
				within ? Status.APPROVED : Status.PENDING_APPROVAL, within ? user.username() : null,
				within ? now : null, null, now);
		transactions.executeWithoutResult(status -> {
			store.insertRequest(filed);
			audit.record(Actor.agent(user.username()), within ? "authority.run" : "authority.approval-requested",
					"action_request", filed.id().toString(), summary(filed));
		});
		return within ? execute(filed, action) : filed;
	}

	/** Requests waiting for this person's approval: their team's (admins: all), not their own. */
	public List<ActionRequestView> awaitingApproval(UserView user) {
		boolean admin = user.roles().contains(Role.ADMIN);
		if (!approves(user) || (!admin && user.teamId() == null)) {
			return List.of();
		}
		return store.pending(admin ? null : user.teamId())
			.stream()
			.filter(r -> !r.requestedBy().equals(user.username()))
			.toList();
	}

	public List<ActionRequestView> ofConversation(UUID conversationId) {
		return store.ofConversation(conversationId);
	}

	public ActionRequestView approve(UserView approver, UUID requestId) {
		ActionRequestView request = decidable(approver, requestId);
		AuthorityAction action = action(request.actionId());
		boolean covered = allowed(approver, action).map(a -> a.covers(request.amountCents())).orElse(false);
		if (!covered) {
			throw new RuleViolationException("the amount is above " + approver.username() + "'s own limit");
		}
		Instant now = clock.instant();
		transactions.executeWithoutResult(status -> {
			if (!store.move(requestId, Status.PENDING_APPROVAL, Status.APPROVED, approver.username(), null, now)) {
				throw new RuleViolationException("this request was already decided");
			}
			audit.record(Actor.agent(approver.username()), "authority.approved", "action_request",
					requestId.toString(), summary(request));
		});
		return execute(store.request(requestId).orElseThrow(), action);
	}

	public ActionRequestView reject(UserView approver, UUID requestId, String why) {
		ActionRequestView request = decidable(approver, requestId);
		Instant now = clock.instant();
		String reason = blankToNull(why) == null ? null : why.strip().substring(0, Math.min(why.strip().length(), 500));
		transactions.executeWithoutResult(status -> {
			if (!store.move(requestId, Status.PENDING_APPROVAL, Status.REJECTED, approver.username(), reason, now)) {
				throw new RuleViolationException("this request was already decided");
			}
			audit.record(Actor.agent(approver.username()), "authority.rejected", "action_request",
					requestId.toString(), summary(request));
		});
		return store.request(requestId).orElseThrow();
	}

	/** A pending request this person may decide on; anyone else gets not-found, so ids reveal nothing. */
	private ActionRequestView decidable(UserView approver, UUID requestId) {
		return store.request(requestId)
			.filter(r -> approves(approver) && !r.requestedBy().equals(approver.username()))
			.filter(r -> approver.roles().contains(Role.ADMIN) || (r.teamId() != null && r.teamId().equals(approver.teamId())))
			.filter(r -> r.status() == Status.PENDING_APPROVAL)
			.orElseThrow(() -> new NotFoundException("Action request", requestId));
	}

	private static boolean approves(UserView user) {
		return user.roles().contains(Role.TEAM_LEAD) || user.roles().contains(Role.ADMIN);
	}

	private ActionRequestView execute(ActionRequestView request, AuthorityAction action) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", request.id().toString());
		body.put("action", action.id());
		body.put("conversationId", request.conversationId().toString());
		body.put("customerId", request.customerId().toString());
		body.put("amountCents", request.amountCents());
		body.put("currency", "EUR");
		body.put("details", request.details());
		body.put("requestedBy", request.requestedBy());
		body.put("approvedBy", request.decidedBy());
		Status outcome;
		String result;
		try {
			Integrations.Answer answer = integrations.post(action.integration(), action.path(), request.id().toString(),
					json.writeValueAsString(body));
			outcome = answer.ok() ? Status.EXECUTED : Status.FAILED;
			result = answer.ok() ? message(answer.body()) : "the integration answered HTTP " + answer.status();
		}
		catch (Integrations.Unreachable e) {
			outcome = Status.FAILED;
			result = e.getMessage();
		}
		Status done = outcome;
		String text = result.length() > 1000 ? result.substring(0, 1000) : result;
		transactions.executeWithoutResult(status -> {
			store.move(request.id(), Status.APPROVED, done, null, text, clock.instant());
			audit.record(Actor.system(action.integration()), "authority." + done.code(), "action_request",
					request.id().toString(), Map.of("result", text));
		});
		return store.request(request.id()).orElseThrow();
	}

	/** The integration's own words when it gives them ({@code {"message": ...}}), else its whole answer. */
	private String message(String body) {
		try {
			JsonNode node = json.readTree(body);
			return node.hasNonNull("message") ? node.get("message").asString() : body;
		}
		catch (RuntimeException e) {
			return body;
		}
	}

	private static Long amount(AuthorityAction action, Long amountCents) {
		if (!action.withAmount()) {
			return null;
		}
		if (amountCents == null || amountCents <= 0 || amountCents > MAX_AMOUNT_CENTS) {
			throw new InvalidInputException("amount", action.id() + " needs an amount above zero");
		}
		return amountCents;
	}

	private static Map<String, Object> summary(ActionRequestView r) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("action", r.actionId());
		details.put("conversationId", r.conversationId().toString());
		details.put("amountCents", r.amountCents());
		details.put("requestedBy", r.requestedBy());
		return details;
	}

	private AuthorityAction action(String id) {
		return store.action(id).orElseThrow(() -> new InvalidInputException("action", "unknown action '" + id + "'"));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
