package nl.baken.conversation.web;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationDetail;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.CustomerTimeline;
import nl.baken.conversation.MessageView;
import nl.baken.conversation.NoteView;
import nl.baken.conversation.PageCursor;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1")
class ConversationController {

	private final Conversations conversations;

	private final Customers customers;

	private final ContactReasons reasons;

	private final Teams teams;

	private final Brands brands;

	private final Clock clock;

	ConversationController(Conversations conversations, Customers customers, ContactReasons reasons, Teams teams,
			Brands brands, Clock clock) {
		this.conversations = conversations;
		this.customers = customers;
		this.reasons = reasons;
		this.teams = teams;
		this.brands = brands;
		this.clock = clock;
	}

	@GetMapping("/conversations/{id}")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	ConversationDetail conversation(@PathVariable UUID id) {
		return conversations.detail(new ConversationId(id)).orElseThrow(() -> new NotFoundException("Conversation", id));
	}

	@GetMapping("/conversations")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	Page<ConversationView> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		ConversationStatus wanted = status == null ? null : parseStatus(status);
		List<ConversationView> page = conversations.list(wanted, channel, teamId, PageCursor.decode(cursor),
				limit + 1);
		boolean more = page.size() > limit;
		List<ConversationView> shown = more ? page.subList(0, limit) : page;
		String next = more ? new PageCursor(shown.getLast().createdAt(), shown.getLast().id()).encode() : null;
		return new Page<>(shown, next);
	}

	@GetMapping("/customers/{id}/timeline")
	@RequiresScope({ Scope.CUSTOMERS_READ, Scope.CONVERSATIONS_READ })
	TimelinePage timeline(@PathVariable UUID id, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		CustomerId customer = new CustomerId(id);
		customers.profile(customer).orElseThrow(() -> new NotFoundException("Customer", id));
		CustomerTimeline timeline = conversations.timeline(customer, PageCursor.decode(cursor), limit);
		return new TimelinePage(timeline.customerId(), timeline.conversations(),
				timeline.next() == null ? null : timeline.next().encode());
	}

	@PostMapping("/conversations/{id}/replies")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	MessageView reply(@PathVariable UUID id, @Valid @RequestBody Reply request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey) {
		return conversations.reply(new ConversationId(id), request.agentId(), request.text(), idempotencyKey,
				clock.instant());
	}

	@PostMapping("/conversations/{id}/notes")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	NoteView note(@PathVariable UUID id, @Valid @RequestBody Reply request) {
		return conversations.addNote(new ConversationId(id), request.agentId(), request.text(), clock.instant());
	}

	@PostMapping("/conversations/{id}/assignment")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	ConversationView assign(@PathVariable UUID id, @Valid @RequestBody Assignment request) {
		return conversations.assign(new ConversationId(id), request.agentId(), request.teamId(), caller(null),
				clock.instant());
	}

	@PostMapping("/conversations/{id}/transfers")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	ConversationView transfer(@PathVariable UUID id, @Valid @RequestBody Transfer request) {
		return conversations.transfer(new ConversationId(id), request.toTeamId(), request.toAgentId(),
				request.reason(), caller(request.agentId()), clock.instant());
	}

	@PostMapping("/conversations/{id}/resolve")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	ConversationView resolve(@PathVariable UUID id, @Valid @RequestBody Resolution request) {
		return conversations.resolve(new ConversationId(id), request.reasonId(), caller(request.agentId()),
				clock.instant());
	}

	@PostMapping("/conversations/{id}/reopen")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	ConversationView reopen(@PathVariable UUID id, @Valid @RequestBody(required = false) Reopening request) {
		return conversations.reopen(new ConversationId(id), caller(request == null ? null : request.agentId()),
				clock.instant());
	}

	@GetMapping("/contact-reasons")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	List<ContactReason> contactReasons() {
		return reasons.all();
	}

	@GetMapping("/teams")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	List<Teams.Team> teams() {
		return teams.all();
	}

	@GetMapping("/brands")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	List<Brands.Brand> brands() {
		return brands.all();
	}

	/** An agent acting through an integration is recorded as that agent; otherwise the integration itself. */
	private static Actor caller(String agentId) {
		return agentId == null ? ApiClient.current().actor() : Actor.agent(agentId);
	}

	private static ConversationStatus parseStatus(String status) {
		try {
			return ConversationStatus.fromCode(status);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("status", "unknown status '" + status
					+ "'; use bot, queued, assigned, waiting_for_customer, resolved or closed");
		}
	}

	record Page<T>(List<T> items, String nextCursor) {
	}

	record TimelinePage(UUID customerId, List<ConversationDetail> conversations, String nextCursor) {
	}

	record Reply(@NotBlank @Size(max = 200) String agentId, @NotBlank @Size(max = 100_000) String text) {
	}

	record Assignment(@NotBlank @Size(max = 200) String agentId, @Size(max = 40) String teamId) {
	}

	record Transfer(@Size(max = 40) String toTeamId, @Size(max = 200) String toAgentId,
			@NotBlank @Size(max = 500) String reason, @Size(max = 200) String agentId) {
	}

	record Resolution(@NotBlank @Size(max = 60) String reasonId, @Size(max = 200) String agentId) {
	}

	record Reopening(@Size(max = 200) String agentId) {
	}
}
