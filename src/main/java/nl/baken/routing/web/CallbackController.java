package nl.baken.routing.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.routing.CallbackOutcome;
import nl.baken.routing.CallbackRequest;
import nl.baken.routing.CallbackSlot;
import nl.baken.routing.CallbackView;
import nl.baken.routing.Callbacks;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Callbacks for the widget, contact page and phone menu (slots, request, status), and for agents and team leads
 * (pending callbacks, attempts with their outcome).
 */
@RestController
@Validated
@RequestMapping("/api/v1/callbacks")
class CallbackController {

	private final Callbacks callbacks;

	CallbackController(Callbacks callbacks) {
		this.callbacks = callbacks;
	}

	@GetMapping("/slots")
	@RequiresScope(Scope.CALLBACKS_WRITE)
	List<CallbackSlot> slots(@RequestParam(defaultValue = "2") @Min(1) @Max(14) int days) {
		return callbacks.slots(days);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.CALLBACKS_WRITE)
	CallbackView request(@Valid @RequestBody NewCallback request) {
		return callbacks.request(new CallbackRequest(request.phone(), request.kind(), request.origin(),
				request.reason(), request.topic(), request.urgency(), request.language(), request.brandId(),
				request.slotStart(), request.conversationId()), ApiClient.current().actor());
	}

	@GetMapping("/{id}")
	@RequiresScope(Scope.CALLBACKS_WRITE)
	CallbackView callback(@PathVariable UUID id) {
		return callbacks.find(id).orElseThrow(() -> new NotFoundException("Callback", id));
	}

	@GetMapping
	@RequiresScope(Scope.CONVERSATIONS_READ)
	List<CallbackView> pending() {
		return callbacks.pending();
	}

	@PostMapping("/{id}/attempts")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	CallbackView attempt(@PathVariable UUID id, @Valid @RequestBody Attempt request) {
		return callbacks.recordAttempt(id, CallbackOutcome.fromCode(request.outcome()), request.agentId());
	}

	/** Another offered slot for a callback that still waits; the customer is told on their channel. */
	@PutMapping("/{id}/slot")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	CallbackView reschedule(@PathVariable UUID id, @Valid @RequestBody NewSlot request) {
		return callbacks.reschedule(id, request.slotStart(), ApiClient.current().actor());
	}

	/** Cancels a callback that still waits; the customer is told on their channel. */
	@PostMapping("/{id}/cancel")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	CallbackView cancel(@PathVariable UUID id) {
		return callbacks.cancel(id, ApiClient.current().actor());
	}

	record NewCallback(@NotBlank @Size(max = 40) String phone, @NotBlank @Size(max = 20) String kind,
			@NotBlank @Size(max = 20) String origin, @Size(max = 500) String reason, @Size(max = 60) String topic,
			Integer urgency, @Size(max = 5) String language, @Size(max = 40) String brandId, Instant slotStart,
			UUID conversationId) {
	}

	record NewSlot(@NotNull Instant slotStart) {
	}

	record Attempt(@NotBlank @Size(max = 20) String outcome, @Size(max = 200) String agentId) {
	}
}
