package nl.baken.desk;

import java.util.List;

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

	DeskController(Conversations conversations, ContactReasons reasons) {
		this.conversations = conversations;
		this.reasons = reasons;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	/** The inbox: newest first for now; ordering by priority and waiting time comes with routing. */
	@GetMapping("/desk")
	String inbox(@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
			Model model) {
		ConversationStatus wanted = status == null || status.isBlank() ? null : parse(status);
		List<ConversationView> page = conversations.list(wanted, blankToNull(channel), null, null, PAGE);
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
