package nl.baken.desk;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.baken.access.Role;
import nl.baken.access.UserView;
import nl.baken.routing.CallbackOutcome;
import nl.baken.routing.CallbackView;
import nl.baken.routing.Callbacks;
import nl.baken.routing.Presence;
import nl.baken.routing.RoutedWork;
import nl.baken.routing.Routing;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Routing in the desk: the agent's presence switch and "pick next" in the header, the outcome of a callback on its
 * conversation, and the team lead's view of pending callbacks and kept and broken promises.
 */
@Controller
class RoutingDeskController {

	/** The period the promise counts cover. */
	private static final Duration PROMISE_PERIOD = Duration.ofDays(7);

	private final Routing routing;

	private final Callbacks callbacks;

	private final DeskAccess access;

	private final Clock clock;

	RoutingDeskController(Routing routing, Callbacks callbacks, DeskAccess access, Clock clock) {
		this.routing = routing;
		this.callbacks = callbacks;
		this.access = access;
		this.clock = clock;
	}

	@PostMapping("/desk/presence")
	String presence(@RequestParam String presence, Principal principal) {
		UserView user = access.who(principal);
		if (!DeskAccess.worksConversations(user)) {
			throw new NotFoundException("Page", "presence");
		}
		try {
			routing.setPresence(user.username(), Presence.fromCode(presence), clock.instant());
		}
		catch (InvalidInputException e) {
			return "redirect:/desk?notice=desk.presence.invalid";
		}
		return "redirect:/desk";
	}

	/** The agent takes the next contact they may take and opens it; the inbox says so when there is none. */
	@PostMapping("/desk/pick")
	String pick(Principal principal) {
		UserView user = access.who(principal);
		if (!DeskAccess.worksConversations(user)) {
			throw new NotFoundException("Page", "pick");
		}
		Optional<RoutedWork> picked;
		try {
			picked = routing.pickNext(user.username());
		}
		catch (RuleViolationException e) {
			return "redirect:/desk?notice=desk.pick.offline";
		}
		return picked.map(w -> "redirect:/desk/conversations/" + w.conversationId())
			.orElse("redirect:/desk?notice=desk.pick.none");
	}

	/** Pending callbacks, soonest promise first, and how the promises of the last week were kept. */
	@GetMapping("/desk/callbacks")
	String callbacks(@RequestParam(required = false) String error, Principal principal, Model model) {
		UserView user = access.who(principal);
		if (!user.roles().contains(Role.TEAM_LEAD) && !user.roles().contains(Role.ADMIN)) {
			throw new NotFoundException("Page", "callbacks");
		}
		Instant now = clock.instant();
		List<CallbackView> promised = callbacks.promised(now.minus(PROMISE_PERIOD), now);
		Map<String, Long> promises = promised.stream()
			.collect(Collectors.groupingBy(CallbackView::promise, Collectors.counting()));
		model.addAttribute("pending", callbacks.pending());
		// only the one message this page redirects with, never text from the address bar
		model.addAttribute("error", "desk.error.notAllowed".equals(error) ? error : null);
		model.addAttribute("kept", promises.getOrDefault("kept", 0L));
		model.addAttribute("broken", promises.getOrDefault("broken", 0L));
		model.addAttribute("open", promises.getOrDefault("open", 0L));
		model.addAttribute("brokenList", promised.stream().filter(c -> c.promise().equals("broken")).toList());
		return "desk/callbacks";
	}

	/** A team lead cancels a callback that still waits for its time; the customer is told on their channel. */
	@PostMapping("/desk/callbacks/{id}/cancel")
	String cancel(@PathVariable UUID id, Principal principal) {
		UserView user = access.who(principal);
		if (!user.roles().contains(Role.TEAM_LEAD) && !user.roles().contains(Role.ADMIN)) {
			throw new NotFoundException("Callback", id);
		}
		try {
			callbacks.cancel(id, Actor.agent(user.username()));
		}
		catch (RuleViolationException e) {
			return "redirect:/desk/callbacks?error=desk.error.notAllowed";
		}
		return "redirect:/desk/callbacks";
	}

	/** The agent who has the callback records how the call went. */
	@PostMapping("/desk/callbacks/{id}/attempts")
	String attempt(@PathVariable UUID id, @RequestParam String outcome, Principal principal) {
		UserView user = access.who(principal);
		CallbackView callback = callbacks.find(id).orElseThrow(() -> new NotFoundException("Callback", id));
		if (callback.conversationId() == null) {
			throw new NotFoundException("Callback", id);
		}
		access.open(principal, callback.conversationId());
		String back = "redirect:/desk/conversations/" + callback.conversationId();
		try {
			callbacks.recordAttempt(id, CallbackOutcome.fromCode(outcome), user.username());
		}
		catch (InvalidInputException e) {
			return back + "?error=desk.error.invalid";
		}
		catch (RuleViolationException e) {
			return back + "?error=desk.error.notAllowed";
		}
		return back;
	}

}
