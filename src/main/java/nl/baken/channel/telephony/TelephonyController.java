package nl.baken.channel.telephony;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The telephony event API for a PBX, IVR or CTI system. {@code POST /api/v1/channels/telephony/events} takes one call
 * event and answers 202 once it is committed ({@code duplicate: true} for an event id it already has);
 * {@code GET /api/v1/channels/telephony/calls/{callId}} shows a call with its IVR, queue, talk and hold times.
 */
@RestController
class TelephonyController {

	static final String ID_PATTERN = "[A-Za-z0-9._:@/+=-]{1,100}";

	private final TelephonyEvents events;

	TelephonyController(TelephonyEvents events) {
		this.events = events;
	}

	@PostMapping("/api/v1/channels/telephony/events")
	@RequiresScope(Scope.TELEPHONY_WRITE)
	ResponseEntity<TelephonyEvents.Receipt> receive(@Valid @RequestBody EventRequest request) {
		CallEventType type = CallEventType.fromCode(request.type())
			.orElseThrow(() -> new InvalidInputException("type",
					"unknown call event type '" + request.type() + "'; one of " + CallEventType.codes()));
		CallEvent event = new CallEvent(request.callId(), request.eventId(), type, request.occurredAt(),
				request.caller(), blankToNull(request.brand()), blankToNull(request.queue()),
				blankToNull(request.agent()), blankToNull(request.menu()), blankToNull(request.option()),
				blankToNull(request.toQueue()), blankToNull(request.toAgent()), blankToNull(request.reason()));
		TelephonyEvents.Receipt receipt = events.record(event);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(receipt);
	}

	@GetMapping("/api/v1/channels/telephony/calls/{callId}")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	TelephonyEvents.CallView call(@PathVariable String callId) {
		return events.call(callId).orElseThrow(() -> new NotFoundException("Call", callId));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	record EventRequest(
			@NotBlank @Pattern(regexp = ID_PATTERN,
					message = "must be 1 to 100 letters, digits or ._:@/+=- characters") String callId,
			@NotBlank @Pattern(regexp = ID_PATTERN,
					message = "must be 1 to 100 letters, digits or ._:@/+=- characters") String eventId,
			@NotBlank @Size(max = 40) String type, @NotNull Instant occurredAt,
			@NotBlank @Size(max = 40) String caller, @Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String brand,
			@Size(max = 100) String queue, @Size(max = 200) String agent, @Size(max = 100) String menu,
			@Size(max = 100) String option, @Size(max = 100) String toQueue, @Size(max = 200) String toAgent,
			@Size(max = 300) String reason) {
	}
}
