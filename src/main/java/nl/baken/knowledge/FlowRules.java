package nl.baken.knowledge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shape rules of a guided flow, without the database: ids, texts, options that lead somewhere, every step
 * reachable from the start, and no way back to a step already passed. Two options may share a step (a common
 * "contact us" end), so a flow is a directed acyclic graph walked as a tree.
 */
final class FlowRules {

	static final int MAX_STEPS = 100;

	static final int MAX_OPTIONS = 12;

	static final int MAX_TEXT = 2000;

	static final int MAX_LABEL = 200;

	private FlowRules() {
	}

	static void check(FlowDraft flow) {
		if (blank(flow.titleNl()) || blank(flow.titleEn()) || flow.titleNl().length() > MAX_LABEL
				|| flow.titleEn().length() > MAX_LABEL) {
			throw new InvalidFlowException("title", null, "a flow needs a Dutch and an English title (at most "
					+ MAX_LABEL + " characters)");
		}
		if (flow.steps().isEmpty() || flow.steps().size() > MAX_STEPS) {
			throw new InvalidFlowException("size", null, "a flow has 1 to " + MAX_STEPS + " steps");
		}
		Map<String, FlowStep> steps = new HashMap<>();
		for (FlowStep step : flow.steps()) {
			if (step == null || step.id() == null || !step.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
				throw new InvalidFlowException("id", null,
						"a step id is 1 to 40 lower-case letters, digits and '-', starting with a letter or digit");
			}
			if (steps.put(step.id(), step) != null) {
				throw new InvalidFlowException("duplicate", step.id(), "step '" + step.id() + "' appears twice");
			}
			checkStep(step);
		}
		for (FlowStep step : flow.steps()) {
			for (FlowOption option : step.options()) {
				if (!steps.containsKey(option.next())) {
					throw new InvalidFlowException("dangling", step.id(),
							"an option of step '" + step.id() + "' leads to '" + option.next() + "', which is no step");
				}
			}
		}
		if (flow.start() == null || !steps.containsKey(flow.start())) {
			throw new InvalidFlowException("start", null, "the start '" + flow.start() + "' is no step of the flow");
		}
		Set<String> reached = walk(flow.start(), steps);
		for (FlowStep step : flow.steps()) {
			if (!reached.contains(step.id())) {
				throw new InvalidFlowException("unreachable", step.id(),
						"step '" + step.id() + "' cannot be reached from the start");
			}
		}
	}

	private static void checkStep(FlowStep step) {
		if (step.kind() == null) {
			throw new InvalidFlowException("kind", step.id(), "step '" + step.id() + "' has no kind");
		}
		if (blank(step.textNl()) || blank(step.textEn()) || step.textNl().length() > MAX_TEXT
				|| step.textEn().length() > MAX_TEXT) {
			throw new InvalidFlowException("text", step.id(),
					"step '" + step.id() + "' needs a Dutch and an English text (at most " + MAX_TEXT + " characters)");
		}
		if (step.kind() == StepKind.QUESTION) {
			if (step.options().isEmpty() || step.options().size() > MAX_OPTIONS) {
				throw new InvalidFlowException("options", step.id(),
						"question '" + step.id() + "' needs 1 to " + MAX_OPTIONS + " options");
			}
			for (FlowOption option : step.options()) {
				if (option == null || blank(option.labelNl()) || blank(option.labelEn())
						|| option.labelNl().length() > MAX_LABEL || option.labelEn().length() > MAX_LABEL) {
					throw new InvalidFlowException("label", step.id(), "every option of '" + step.id()
							+ "' needs a Dutch and an English label (at most " + MAX_LABEL + " characters)");
				}
			}
		}
		else if (!step.options().isEmpty()) {
			throw new InvalidFlowException("end-options", step.id(),
					"step '" + step.id() + "' ends the flow and cannot have options");
		}
		if (step.kind() == StepKind.HANDOFF && blank(step.teamId())) {
			throw new InvalidFlowException("team", step.id(), "hand-off '" + step.id() + "' needs a team");
		}
	}

	/** Depth-first from the start; meeting a step that is still on the path means a cycle. */
	private static Set<String> walk(String start, Map<String, FlowStep> steps) {
		Set<String> done = new HashSet<>();
		Set<String> onPath = new HashSet<>();
		Deque<Object[]> stack = new ArrayDeque<>();
		stack.push(new Object[] { start, 0 });
		onPath.add(start);
		while (!stack.isEmpty()) {
			Object[] top = stack.peek();
			FlowStep step = steps.get((String) top[0]);
			int next = (int) top[1];
			if (next == step.options().size()) {
				stack.pop();
				onPath.remove(step.id());
				done.add(step.id());
				continue;
			}
			top[1] = next + 1;
			String target = step.options().get(next).next();
			if (onPath.contains(target)) {
				throw new InvalidFlowException("cycle", step.id(),
						"step '" + step.id() + "' leads back to '" + target + "': a flow cannot go round in circles");
			}
			if (!done.contains(target)) {
				onPath.add(target);
				stack.push(new Object[] { target, 0 });
			}
		}
		return done;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}
}
