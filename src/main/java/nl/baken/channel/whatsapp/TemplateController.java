package nl.baken.channel.whatsapp;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.MessageView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/channels/whatsapp/conversations/{id}/templates}: sends an approved template (name, language,
 * body parameters) in a WhatsApp conversation, also outside the 24-hour window.
 */
@RestController
class TemplateController {

	private final WhatsAppTemplates templates;

	private final Clock clock;

	TemplateController(WhatsAppTemplates templates, Clock clock) {
		this.templates = templates;
		this.clock = clock;
	}

	@PostMapping("/api/v1/channels/whatsapp/conversations/{id}/templates")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	MessageView send(@PathVariable UUID id, @Valid @RequestBody TemplateRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 200) String idempotencyKey) {
		return templates.send(new ConversationId(id), request.agentId(),
				new TemplateStore.Template(request.name(), request.language(),
						request.parameters() == null ? List.of() : request.parameters()),
				idempotencyKey, clock.instant());
	}

	record TemplateRequest(@NotBlank @Size(max = 200) String agentId,
			@NotBlank @Pattern(regexp = "[a-z0-9_]{1,512}",
					message = "must be a template name: lower-case letters, digits and '_'") String name,
			@NotBlank @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?",
					message = "must be a language code such as en_US or nl") String language,
			@Size(max = 20) List<@NotBlank @Size(max = 1024) String> parameters) {
	}
}
