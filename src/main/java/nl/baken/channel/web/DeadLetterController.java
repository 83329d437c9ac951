package nl.baken.channel.web;

import java.util.List;
import java.util.UUID;

import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.channel.DeadLetter;
import nl.baken.channel.Outbox;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Outbound messages their channel gave up on, for admins to see and send again. */
@RestController
@RequestMapping("/api/v1/outbox/dead-letters")
class DeadLetterController {

	private final Outbox outbox;

	DeadLetterController(Outbox outbox) {
		this.outbox = outbox;
	}

	@GetMapping
	@RequiresScope(Scope.ADMIN)
	List<DeadLetter> list(@RequestParam(defaultValue = "100") int limit) {
		return outbox.deadLetters(Math.clamp(limit, 1, 500));
	}

	@PostMapping("/{messageId}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@RequiresScope(Scope.ADMIN)
	void retry(@PathVariable UUID messageId) {
		if (!outbox.retry(messageId, ApiClient.current().actor())) {
			throw new NotFoundException("Dead letter", messageId);
		}
	}
}
