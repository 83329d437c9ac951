package nl.baken.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A saved guided flow: a decision tree from {@code start} to answers, actions and hand-offs. */
public record GuidedFlow(UUID id, String titleNl, String titleEn, String start, List<FlowStep> steps, int version,
		Instant updatedAt, String updatedBy) {

	public String title(String language) {
		return "en".equals(language) ? titleEn : titleNl;
	}

	public Optional<FlowStep> step(String stepId) {
		return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
	}

	public FlowDraft draft() {
		return new FlowDraft(titleNl, titleEn, start, steps);
	}
}
