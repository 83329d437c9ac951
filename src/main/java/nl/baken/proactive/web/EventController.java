package nl.baken.proactive.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.proactive.BusinessEvent;
import nl.baken.proactive.EventIntake;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: business events from the organisation's systems, checked against their type's schema.
 * Answers 202 once the event is committed; the same event id again gets the same answer (with
 * {@code Baken-Duplicate: true}) and stores and publishes nothing; the same id with other content is a 409.
 */
@RestController
class EventController {

	static final String DUPLICATE_HEADER = "Baken-Duplicate";

	private final EventIntake intake;

	EventController(EventIntake intake) {
		this.intake = intake;
	}

	record Receipt(UUID id, String eventId, String type, UUID customerId, Instant receivedAt) {

		static Receipt of(EventIntake.Receipt r) {
			return new Receipt(r.storedId(), r.eventId(), r.type(), r.customerId(), r.receivedAt());
		}
	}

	record Batch(List<BusinessEvent> events) {
	}

	record BatchReceipt(List<Receipt> receipts) {
	}

	@PostMapping("/api/v1/events")
	@RequiresScope(Scope.EVENTS_WRITE)
	ResponseEntity<Receipt> receive(@RequestBody BusinessEvent event) {
		EventIntake.Receipt receipt = intake.receive(event);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header(DUPLICATE_HEADER, String.valueOf(receipt.duplicate()))
			.body(Receipt.of(receipt));
	}

	/** Up to 500 events in one transaction: all are stored (or were before), or none when one is refused. */
	@PostMapping("/api/v1/events/batch")
	@RequiresScope(Scope.EVENTS_WRITE)
	ResponseEntity<BatchReceipt> receiveAll(@RequestBody Batch batch) {
		List<EventIntake.Receipt> receipts = intake.receiveAll(batch.events());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.header(DUPLICATE_HEADER, String.valueOf(receipts.stream().allMatch(EventIntake.Receipt::duplicate)))
			.body(new BatchReceipt(receipts.stream().map(Receipt::of).toList()));
	}
}
