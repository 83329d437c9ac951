package nl.baken.knowledge;

import java.util.List;

/** A guided flow as an editor writes it: Dutch and English titles, the first step's id, and all steps. */
public record FlowDraft(String titleNl, String titleEn, String start, List<FlowStep> steps) {

	public FlowDraft {
		steps = steps == null ? List.of() : List.copyOf(steps);
	}
}
