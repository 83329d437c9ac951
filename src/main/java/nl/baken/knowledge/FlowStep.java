package nl.baken.knowledge;

import java.util.List;
import java.util.UUID;

/**
 * A step of a guided flow. A question has options; an answer may point to an article; an action is a note of what to
 * do; a hand-off names the team that takes over.
 */
public record FlowStep(String id, StepKind kind, String textNl, String textEn, List<FlowOption> options,
		UUID articleId, String teamId) {

	public FlowStep {
		options = options == null ? List.of() : List.copyOf(options);
	}

	public String text(String language) {
		return "en".equals(language) ? textEn : textNl;
	}
}
