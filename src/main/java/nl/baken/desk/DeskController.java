package nl.baken.desk;

import java.security.Principal;
import java.util.List;

import nl.baken.access.UserView;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class DeskController {

	private static final int PAGE = 100;

	private final Conversations conversations;

	private final ContactReasons reasons;

	private final DeskAccess access;

	DeskController(Conversations conversations, ContactReasons reasons, DeskAccess access) {
		this.conversations = conversations;
		this.reasons = reasons;
		this.access = access;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	/** The inbox: newest first for now; ordering by priority and waiting time comes with routing. */
	@GetMapping("/desk")
	String inbox(@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
			Principal principal, Model model) {
		ConversationStatus wanted = status == null || status.isBlank() ? null : parse(status);
		UserView user = access.who(principal);
		List<ConversationView> page;
		if (DeskAccess.seesAll(user)) {
			page = conversations.list(wanted, blankToNull(channel), null, null, PAGE);
		}
		else if (DeskAccess.worksConversations(user)) {
			page = conversations.listFor(user.username(), user.teamId(), wanted, blankToNull(channel), PAGE);
		}
		else {
			page = List.of();
		}
		model.addAttribute("conversations", page);
		model.addAttribute("statuses", ConversationStatus.values());
		model.addAttribute("status", wanted);
		model.addAttribute("channel", blankToNull(channel));
		model.addAttribute("reasons", reasons.all());
		return "desk/inbox";
	}

	private static ConversationStatus parse(String status) {
		try {
			return ConversationStatus.fromCode(status);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
