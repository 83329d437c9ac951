package nl.baken.knowledge.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.knowledge.FlowDraft;
import nl.baken.knowledge.FlowStep;
import nl.baken.knowledge.GuidedFlow;
import nl.baken.knowledge.GuidedFlows;
import nl.baken.shared.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Guided flows over the API; the shape rules live in {@link GuidedFlows}, so API and editor refuse the same. */
@RestController
@Validated
@RequestMapping("/api/v1/knowledge/flows")
class FlowController {

	private final GuidedFlows flows;

	FlowController(GuidedFlows flows) {
		this.flows = flows;
	}

	@GetMapping
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<GuidedFlow> list() {
		return flows.list();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	GuidedFlow create(@Valid @RequestBody FlowRequest request) {
		return flows.create(request.draft(), caller(request.editor()));
	}

	@GetMapping("/{id}")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	GuidedFlow flow(@PathVariable UUID id) {
		return flows.get(id);
	}

	@PutMapping("/{id}")
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	GuidedFlow update(@PathVariable UUID id, @Valid @RequestBody FlowRequest request) {
		return flows.update(id, request.draft(), request.baseVersion(), caller(request.editor()));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	void delete(@PathVariable UUID id) {
		flows.delete(id);
	}

	private static Actor caller(String editor) {
		return editor == null ? ApiClient.current().actor() : Actor.agent(editor);
	}

	/** Sizes are checked again, per step, by the flow rules; these bounds only keep absurd bodies out early. */
	record FlowRequest(@Size(max = 200) String titleNl, @Size(max = 200) String titleEn, @Size(max = 40) String start,
			@NotNull @Size(max = 200) List<FlowStep> steps, Integer baseVersion, @Size(max = 200) String editor) {

		FlowDraft draft() {
			return new FlowDraft(titleNl, titleEn, start, steps);
		}
	}
}
