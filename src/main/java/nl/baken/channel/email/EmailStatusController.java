package nl.baken.channel.email;

import java.time.Instant;

import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/channels/email/status}: whether the mailbox is being fetched, for admins. */
@RestController
@ConditionalOnProperty(prefix = "baken.channels.email.imap", name = "host")
class EmailStatusController {

	private final MailboxFetcher fetcher;

	private final EmailStore store;

	EmailStatusController(MailboxFetcher fetcher, EmailStore store) {
		this.fetcher = fetcher;
		this.store = store;
	}

	record Status(String mailbox, Instant lastFetchAt, long fetched, String lastError, Instant lastErrorAt) {
	}

	@GetMapping("/api/v1/channels/email/status")
	@RequiresScope(Scope.ADMIN)
	Status status() {
		String mailbox = fetcher.mailbox();
		return store.status(mailbox)
			.map(s -> new Status(mailbox, s.lastFetchAt(), s.fetched(), s.lastError(), s.lastErrorAt()))
			.orElse(new Status(mailbox, null, 0, null, null));
	}
}
