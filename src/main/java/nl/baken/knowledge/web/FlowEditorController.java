package nl.baken.knowledge.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import nl.baken.access.Users;
import nl.baken.knowledge.FlowDraft;
import nl.baken.knowledge.FlowOption;
import nl.baken.knowledge.FlowStep;
import nl.baken.knowledge.GuidedFlow;
import nl.baken.knowledge.GuidedFlows;
import nl.baken.knowledge.InvalidFlowException;
import nl.baken.knowledge.StepKind;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.RuleViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Editing guided flows in the desk, for knowledge editors and admins: a flow is edited as JSON (the same shape as the
 * API's), checked by the same rules, and a refusal names the rule and the step in the editor's language.
 */
@Controller
class FlowEditorController {

	/** What a new flow starts from: one question, two ends, so the shape is there to copy. */
	private static final FlowDraft EXAMPLE = new FlowDraft("Nieuw stappenplan", "New guided flow", "question",
			List.of(new FlowStep("question", StepKind.QUESTION, "Vraag aan de klant?", "Question to the customer?",
					List.of(new FlowOption("Ja", "Yes", "answer"), new FlowOption("Nee", "No", "handoff")), null,
					null),
					new FlowStep("answer", StepKind.ANSWER, "Het antwoord.", "The answer.", List.of(), null, null),
					new FlowStep("handoff", StepKind.HANDOFF, "Dit pakt een collega op.", "A colleague takes this on.",
							List.of(), null, "orders")));

	private final GuidedFlows flows;

	private final Users users;

	private final JsonMapper json;

	FlowEditorController(GuidedFlows flows, Users users, JsonMapper json) {
		this.flows = flows;
		this.users = users;
		this.json = json;
	}

	@ModelAttribute
	void editorsOnly(Principal principal) {
		KnowledgeEditorController.requireEditor(users, principal);
	}

	@GetMapping("/desk/knowledge/flows")
	String list(Model model) {
		model.addAttribute("flows", flows.list());
		return "knowledge/flows";
	}

	@GetMapping("/desk/knowledge/flows/new")
	String create(Model model) {
		return edit(null, null, text(EXAMPLE), null, model);
	}

	@GetMapping("/desk/knowledge/flows/{id}")
	String flow(@PathVariable UUID id, @RequestParam(required = false) String saved, Model model) {
		GuidedFlow flow = flows.get(id);
		model.addAttribute("saved", saved != null);
		return edit(id, flow.version(), text(flow.draft()), null, model);
	}

	@PostMapping("/desk/knowledge/flows")
	String save(@RequestParam(required = false) UUID id, @RequestParam(required = false) Integer baseVersion,
			@RequestParam String definition, Principal editor, Model model) {
		try {
			FlowDraft draft = json.readValue(definition, FlowDraft.class);
			GuidedFlow saved = id == null ? flows.create(draft, Actor.agent(editor.getName()))
					: flows.update(id, draft, baseVersion, Actor.agent(editor.getName()));
			return "redirect:/desk/knowledge/flows/" + saved.id() + "?saved";
		}
		catch (InvalidFlowException e) {
			return edit(id, baseVersion, definition, new Problem("knowledge.flow.error." + e.code(), e.step()), model);
		}
		catch (InvalidInputException e) {
			return edit(id, baseVersion, definition, new Problem("knowledge.flow.error.kind", null), model);
		}
		catch (JacksonException e) {
			// a bad step kind surfaces from inside the parser; everything else is JSON the editor mistyped
			String key = e.getCause() instanceof InvalidInputException ? "knowledge.flow.error.kind"
					: "knowledge.flow.error.json";
			String where = e.getLocation() == null ? null
					: e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
			return edit(id, baseVersion, definition, new Problem(key, where), model);
		}
		catch (RuleViolationException e) {
			return edit(id, baseVersion, definition, new Problem("knowledge.error.conflict", null), model);
		}
	}

	@PostMapping("/desk/knowledge/flows/{id}/delete")
	String delete(@PathVariable UUID id) {
		flows.delete(id);
		return "redirect:/desk/knowledge/flows";
	}

	private String edit(UUID id, Integer baseVersion, String definition, Problem problem, Model model) {
		model.addAttribute("id", id);
		model.addAttribute("baseVersion", baseVersion);
		model.addAttribute("definition", definition);
		model.addAttribute("problem", problem);
		return "knowledge/flow-edit";
	}

	/** The draft as indented JSON, leaving out empty fields so the editor sees only what matters per step. */
	private String text(FlowDraft draft) {
		JsonNode tree = json.valueToTree(draft);
		for (JsonNode step : tree.get("steps")) {
			ObjectNode fields = (ObjectNode) step;
			for (String name : List.of("articleId", "teamId")) {
				if (fields.get(name) == null || fields.get(name).isNull()) {
					fields.remove(name);
				}
			}
			if (fields.get("options").isEmpty()) {
				fields.remove("options");
			}
		}
		return json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
	}

	/** Why a flow was not saved: a message key and the step (or JSON position) it concerns. */
	record Problem(String key, String where) {
	}
}
