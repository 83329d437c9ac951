package nl.baken.conversation.web;

import java.time.Clock;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Surveys;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A survey tool hands in what the customer answered about a conversation. */
@RestController
class SurveyController {

	private final Surveys surveys;

	private final Clock clock;

	SurveyController(Surveys surveys, Clock clock) {
		this.surveys = surveys;
		this.clock = clock;
	}

	@PostMapping("/api/v1/conversations/{id}/surveys")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	ContactEvent answered(@PathVariable UUID id, @Valid @RequestBody Answer answer) {
		return surveys.answered(new ConversationId(id), answer.csat(), answer.ces(), answer.comment(), clock.instant());
	}

	record Answer(@Min(1) @Max(5) Integer csat, @Min(1) @Max(7) Integer ces, @Size(max = 2000) String comment) {
	}
}
