package nl.baken.desk;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.baken.access.ActionRequestView;
import nl.baken.access.Authorities;
import nl.baken.access.AuthorityAction;
import nl.baken.access.UserView;
import nl.baken.conversation.ConversationView;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.RuleViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Actions an agent runs for the customer of a conversation (refund, resend, …) within their authority, and the team
 * lead's approvals of those above it. The conversation is checked like every desk page: one the person may not open
 * does not exist for them.
 */
@Controller
class ActionController {

	private final Authorities authorities;

	private final DeskAccess access;

	ActionController(Authorities authorities, DeskAccess access) {
		this.authorities = authorities;
		this.access = access;
	}

	@PostMapping("/desk/conversations/{id}/actions")
	String run(@PathVariable UUID id, @RequestParam String actionId, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String details, Principal principal) {
		UserView user = access.who(principal);
		ConversationView conversation = access.open(user, id);
		String outcome;
		try {
			// a conversation no team has taken yet is approved in the requester's own team
			String team = conversation.teamId() != null ? conversation.teamId() : user.teamId();
			ActionRequestView request = authorities.request(user, new Authorities.NewRequest(actionId, id,
					conversation.customerId(), team, cents(amount), details));
			outcome = "notice=action." + request.status().code();
		}
		catch (InvalidInputException e) {
			outcome = "error=desk.error.amountInvalid";
		}
		catch (RuleViolationException e) {
			outcome = "error=desk.error.noAuthority";
		}
		return "redirect:/desk/conversations/" + id + "?" + outcome;
	}

	@GetMapping("/desk/approvals")
	String approvals(Principal principal, @RequestParam(required = false) String error, Model model) {
		UserView user = access.who(principal);
		model.addAttribute("requests", authorities.awaitingApproval(user));
		model.addAttribute("actionNames", authorities.actions()
			.stream()
			.collect(Collectors.toMap(AuthorityAction::id, Function.identity())));
		if ("desk.error.cannotApprove".equals(error)) {
			model.addAttribute("error", error);
		}
		return "desk/approvals";
	}

	@PostMapping("/desk/approvals/{requestId}/approve")
	String approve(@PathVariable UUID requestId, Principal principal) {
		try {
			authorities.approve(access.who(principal), requestId);
			return "redirect:/desk/approvals";
		}
		catch (RuleViolationException e) {
			return "redirect:/desk/approvals?error=desk.error.cannotApprove";
		}
	}

	@PostMapping("/desk/approvals/{requestId}/reject")
	String reject(@PathVariable UUID requestId, @RequestParam(required = false) String reason, Principal principal) {
		try {
			authorities.reject(access.who(principal), requestId, reason);
			return "redirect:/desk/approvals";
		}
		catch (RuleViolationException e) {
			return "redirect:/desk/approvals?error=desk.error.cannotApprove";
		}
	}

	/** Euros as people type them ("80", "80,50", "80.5") into cents; null when the field is empty. */
	static Long cents(String amount) {
		if (amount == null || amount.isBlank()) {
			return null;
		}
		try {
			BigDecimal euros = new BigDecimal(amount.strip().replace(',', '.'));
			if (euros.scale() > 2) {
				throw new InvalidInputException("amount", "at most two decimals");
			}
			return euros.movePointRight(2).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException e) {
			throw new InvalidInputException("amount", "'" + amount + "' is not an amount in euros");
		}
	}
}
