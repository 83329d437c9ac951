package nl.baken.desk;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.channel.TypingIndicators;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Typing indicators on the conversation page, for channels that have them: whether the customer is typing (polled by
 * the page), and the agent typing a reply (sent by the page, at most every few seconds).
 */
@Controller
class TypingController {

	private final List<TypingIndicators> indicators;

	private final DeskAccess access;

	TypingController(List<TypingIndicators> indicators, DeskAccess access) {
		this.indicators = indicators;
		this.access = access;
	}

	@GetMapping("/desk/conversations/{id}/typing")
	@ResponseBody
	Map<String, Boolean> customerTyping(@PathVariable UUID id, Principal principal) {
		access.open(principal, id);
		return Map.of("customerTyping", indicators.stream().anyMatch(i -> i.customerTyping(id)));
	}

	@PostMapping("/desk/conversations/{id}/typing")
	ResponseEntity<Void> agentTyping(@PathVariable UUID id, Principal principal) {
		access.open(principal, id);
		indicators.forEach(i -> i.agentTyping(id));
		return ResponseEntity.noContent().build();
	}
}
