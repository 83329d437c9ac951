package nl.baken.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nl.baken.shared.NotFoundException;

/**
 * Where a reader is in a guided flow: the steps taken from the start, written in an address as step ids joined by
 * '.' ({@code where.neighbours}). Only a path the flow allows is accepted, so an address cannot jump to any step.
 */
public record FlowWalk(GuidedFlow flow, List<FlowStep> path) {

	public static FlowWalk of(GuidedFlow flow, String trail) {
		List<String> ids = trail == null || trail.isBlank() ? List.of(flow.start())
				: Arrays.asList(trail.split("\\.", FlowRules.MAX_STEPS + 1));
		if (ids.size() > FlowRules.MAX_STEPS || !ids.getFirst().equals(flow.start())) {
			throw new NotFoundException("flow step", trail);
		}
		List<FlowStep> path = new ArrayList<>();
		for (String id : ids) {
			FlowStep step = flow.step(id).orElseThrow(() -> new NotFoundException("flow step", id));
			if (!path.isEmpty() && path.getLast().options().stream().noneMatch(o -> o.next().equals(id))) {
				throw new NotFoundException("flow step", trail);
			}
			path.add(step);
		}
		return new FlowWalk(flow, List.copyOf(path));
	}

	public FlowStep current() {
		return path.getLast();
	}

	public String trail() {
		return String.join(".", path.stream().map(FlowStep::id).toList());
	}

	/** The trail after choosing {@code option} on the current step. */
	public String trailTo(FlowOption option) {
		return trail() + "." + option.next();
	}

	/** The trail one step back, or null at the start. */
	public String back() {
		return path.size() < 2 ? null
				: String.join(".", path.subList(0, path.size() - 1).stream().map(FlowStep::id).toList());
	}

	/** The steps before the current one, with the option chosen on each, for "your answers so far". */
	public List<FlowOption> chosen() {
		List<FlowOption> chosen = new ArrayList<>();
		for (int i = 0; i + 1 < path.size(); i++) {
			String next = path.get(i + 1).id();
			chosen.add(path.get(i).options().stream().filter(o -> o.next().equals(next)).findFirst().orElseThrow());
		}
		return chosen;
	}
}
