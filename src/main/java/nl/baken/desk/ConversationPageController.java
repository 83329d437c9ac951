package nl.baken.desk;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.baken.access.Authorities;
import nl.baken.access.AuthorityAction;
import nl.baken.access.Teams;
import nl.baken.access.UserView;
import nl.baken.channel.ServiceWindowClosed;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationDetail;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.knowledge.KnowledgeHit;
import nl.baken.knowledge.KnowledgeSearch;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One conversation in the desk: its messages and notes, the customer with every earlier contact on any channel,
 * knowledge articles that may answer the customer's last message, and the agent's actions. Each action is a plain form post (with CSRF token) that redirects back, so a reload never
 * repeats it; a reply carries a one-time key, so a double click sends it once.
 */
@Controller
class ConversationPageController {

	private static final int EARLIER_CONTACTS = 20;

	private static final int SUGGESTIONS = 3;

	private final Conversations conversations;

	private final Customers customers;

	private final ContactReasons reasons;

	private final Teams teams;

	private final DeskAccess access;

	private final Authorities authorities;

	private final Clock clock;

	private final KnowledgeSearch knowledge;

	private final Brands brands;

	ConversationPageController(Conversations conversations, Customers customers, ContactReasons reasons, Teams teams,
			Brands brands, DeskAccess access, Authorities authorities, Clock clock, KnowledgeSearch knowledge) {
		this.brands = brands;
		this.authorities = authorities;
		this.knowledge = knowledge;
		this.access = access;
		this.conversations = conversations;
		this.customers = customers;
		this.reasons = reasons;
		this.teams = teams;
		this.clock = clock;
	}

	/** Refusals an action can come back with, as message keys; anything else in the address is ignored. */
	private static final Set<String> ERRORS = Set.of("desk.error.textRequired", "desk.error.reasonRequired",
			"desk.error.transferIncomplete", "desk.error.invalid", "desk.error.notAllowed", "desk.error.amountInvalid",
			"desk.error.noAuthority", "desk.error.serviceWindowClosed");

	/** What an action request came back as (see {@link ActionController}). */
	private static final Set<String> NOTICES = Set.of("action.executed", "action.failed", "action.pending_approval");

	@GetMapping("/desk/conversations/{id}")
	String conversation(@PathVariable UUID id, @RequestParam(required = false) String error,
			@RequestParam(required = false) String notice, Principal viewer, Model model) {
		UserView user = access.who(viewer);
		access.open(user, id);
		if (error != null && ERRORS.contains(error)) {
			model.addAttribute("error", error);
		}
		if (notice != null && NOTICES.contains(notice)) {
			model.addAttribute("notice", notice);
		}
		model.addAttribute("allowedActions", authorities.allowedTo(user));
		model.addAttribute("actionRequests", authorities.ofConversation(id));
		model.addAttribute("actionNames", authorities.actions()
			.stream()
			.collect(Collectors.toMap(AuthorityAction::id, a -> a)));
		ConversationDetail detail = conversations.detail(new ConversationId(id))
			.orElseThrow(() -> new NotFoundException("Conversation", id));
		CustomerId customer = customers.canonical(new CustomerId(detail.conversation().customerId()));
		model.addAttribute("detail", detail);
		model.addAttribute("customer", customers.profile(customer).orElseThrow());
		model.addAttribute("earlier", conversations.timeline(customer, null, EARLIER_CONTACTS)
			.conversations()
			.stream()
			.filter(c -> !c.conversation().id().equals(id))
			.toList());
		model.addAttribute("reasons", reasons.all());
		model.addAttribute("teams", teams.all());
		boolean dutch = "nl".equals(LocaleContextHolder.getLocale().getLanguage());
		model.addAttribute("reasonNames", reasons.all()
			.stream()
			.collect(Collectors.toMap(ContactReason::id, r -> dutch ? r.nameNl() : r.nameEn())));
		model.addAttribute("teamNames", teams.names(LocaleContextHolder.getLocale().getLanguage()));
		model.addAttribute("brandNames", brands.names());
		model.addAttribute("replyKey", UUID.randomUUID().toString());
		model.addAttribute("suggestions", suggestions(detail, dutch));
		return "desk/conversation";
	}

	/** Articles (public and internal) that may answer the customer's last message, in the conversation's language. */
	private List<KnowledgeHit> suggestions(ConversationDetail detail, boolean dutch) {
		String question = detail.messages()
			.stream()
			.filter(m -> "inbound".equals(m.direction()))
			.reduce((first, second) -> second)
			.map(MessageView::text)
			.orElse(detail.conversation().subject());
		String language = detail.conversation().language();
		Locale locale = Locale.of("nl".equals(language) || "en".equals(language) ? language : dutch ? "nl" : "en");
		return question == null || question.isBlank() ? List.of()
				: knowledge.searchForAgents(question, locale, SUGGESTIONS);
	}

	@PostMapping("/desk/conversations/{id}/reply")
	String reply(@PathVariable UUID id, @RequestParam String text, @RequestParam String replyKey, Principal agent) {
		return act(agent, id, "desk.error.textRequired", text,
				() -> conversations.reply(new ConversationId(id), agent.getName(), text.strip(), replyKey,
						clock.instant()));
	}

	@PostMapping("/desk/conversations/{id}/note")
	String note(@PathVariable UUID id, @RequestParam String text, Principal agent) {
		return act(agent, id, "desk.error.textRequired", text,
				() -> conversations.addNote(new ConversationId(id), agent.getName(), text.strip(), clock.instant()));
	}

	@PostMapping("/desk/conversations/{id}/resolve")
	String resolve(@PathVariable UUID id, @RequestParam(required = false) String reasonId, Principal agent) {
		return act(agent, id, "desk.error.reasonRequired", reasonId, () -> conversations
			.resolve(new ConversationId(id), reasonId, Actor.agent(agent.getName()), clock.instant()));
	}

	@PostMapping("/desk/conversations/{id}/transfer")
	String transfer(@PathVariable UUID id, @RequestParam(required = false) String toTeamId,
			@RequestParam(required = false) String reason, Principal agent) {
		String complete = blank(toTeamId) || blank(reason) ? null : reason;
		return act(agent, id, "desk.error.transferIncomplete", complete, () -> conversations.transfer(
				new ConversationId(id), toTeamId, null, reason.strip(), Actor.agent(agent.getName()), clock.instant()));
	}

	@PostMapping("/desk/conversations/{id}/reopen")
	String reopen(@PathVariable UUID id, Principal agent) {
		return act(agent, id, null, "", () -> conversations.reopen(new ConversationId(id),
				Actor.agent(agent.getName()), clock.instant()));
	}

	/**
	 * Runs an action when its required input is there; a refusal is shown on the page in the agent's language. The
	 * refusal travels in the address, not in the session, so the live refresh of the page cannot swallow it.
	 */
	private String act(Principal agent, UUID id, String missingKey, String required, Runnable action) {
		access.open(agent, id);
		String error = null;
		if (missingKey != null && blank(required)) {
			error = missingKey;
		}
		else {
			try {
				action.run();
			}
			catch (InvalidInputException e) {
				error = "desk.error.invalid";
			}
			catch (ServiceWindowClosed e) {
				error = "desk.error.serviceWindowClosed";
			}
			catch (RuleViolationException e) {
				error = "desk.error.notAllowed";
			}
		}
		return "redirect:/desk/conversations/" + id + (error == null ? "" : "?error=" + error);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
