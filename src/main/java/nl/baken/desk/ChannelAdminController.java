package nl.baken.desk;

import java.security.Principal;
import java.util.UUID;

import nl.baken.channel.Outbox;
import nl.baken.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admins see which channels this node can send on, what waits in the outbox, and the messages a channel gave up on,
 * with the channel's reason; a dead letter is sent again from here once the cause is fixed.
 */
@Controller
class ChannelAdminController {

	private static final int DEAD_LETTERS_SHOWN = 200;

	private final Outbox outbox;

	ChannelAdminController(Outbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping("/desk/admin/channels")
	String page(@RequestParam(required = false) String retried, @RequestParam(required = false) String gone,
			Model model) {
		model.addAttribute("channels", outbox.channels());
		model.addAttribute("deadLetters", outbox.deadLetters(DEAD_LETTERS_SHOWN));
		model.addAttribute("retried", retried != null);
		model.addAttribute("gone", gone != null);
		return "desk/channels";
	}

	@PostMapping("/desk/admin/channels/dead-letters/{messageId}/retry")
	String retry(@PathVariable UUID messageId, Principal admin) {
		// a second click, or another admin first: the letter is no longer dead, which the page says
		return outbox.retry(messageId, Actor.agent(admin.getName())) ? "redirect:/desk/admin/channels?retried"
				: "redirect:/desk/admin/channels?gone";
	}
}
