package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import nl.baken.RandomInput;
import org.junit.jupiter.api.Test;

/** The shape rules of guided flows on random trees, and on random trees broken in one way each. */
class FlowRulesTests {

	/** A random tree of 1 to 100 steps; now and then a question also leads to a later end step (shared ends). */
	static List<FlowStep> randomTree(Random random) {
		return randomTree(random, FlowRules.MAX_STEPS);
	}

	static List<FlowStep> randomTree(Random random, int maxSize) {
		int size = 1 + random.nextInt(maxSize);
		List<List<Integer>> children = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			children.add(new ArrayList<>());
			if (i > 0) {
				// a parent always comes before its child, so there are no cycles; i - 1 has no children yet
				int parent = random.nextInt(i);
				children.get(children.get(parent).size() < FlowRules.MAX_OPTIONS ? parent : i - 1).add(i);
			}
		}
		for (int i = 0; i < size; i++) {
			List<Integer> next = children.get(i);
			int later = i + 1 + random.nextInt(Math.max(1, size - i - 1));
			if (!next.isEmpty() && next.size() < FlowRules.MAX_OPTIONS && later < size && random.nextInt(5) == 0
					&& children.get(later).isEmpty() && !next.contains(later)) {
				next.add(later);
			}
		}
		List<FlowStep> steps = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			steps.add(step(i, children.get(i), random));
		}
		return steps;
	}

	private static FlowStep step(int i, List<Integer> next, Random random) {
		if (next.isEmpty()) {
			StepKind end = RandomInput.oneOf(random, List.of(StepKind.ANSWER, StepKind.ACTION, StepKind.HANDOFF));
			return new FlowStep("s-" + i, end, "Einde " + i, "End " + i, List.of(), null,
					end == StepKind.HANDOFF ? "orders" : null);
		}
		return new FlowStep("s-" + i, StepKind.QUESTION, "Vraag " + i + "?", "Question " + i + "?",
				next.stream().map(n -> new FlowOption("Keuze " + n, "Choice " + n, "s-" + n)).toList(), null, null);
	}

	static FlowDraft flow(List<FlowStep> steps) {
		return new FlowDraft("Stroom", "Flow", "s-0", steps);
	}

	@Test
	void randomTreesAreAccepted() {
		RandomInput.tries(300, random -> {
			List<FlowStep> steps = randomTree(random);
			Collections.shuffle(steps, random);
			assertThatCode(() -> FlowRules.check(flow(steps))).doesNotThrowAnyException();
		});
	}

	@Test
	void randomTreesWithACycleAreRefused() {
		RandomInput.tries(300, random -> {
			List<FlowStep> steps = new ArrayList<>(randomTree(random));
			// any step may point back to one of its ancestors or itself: pick a step, and an ancestor on its path
			List<String> path = new ArrayList<>();
			String at = "s-0";
			path.add(at);
			while (true) {
				FlowStep step = find(steps, at);
				if (step.options().isEmpty() || random.nextInt(3) == 0) {
					break;
				}
				at = RandomInput.oneOf(random, step.options()).next();
				path.add(at);
			}
			FlowStep last = find(steps, at);
			String back = RandomInput.oneOf(random, path);
			List<FlowOption> options = new ArrayList<>(last.options());
			if (options.size() == FlowRules.MAX_OPTIONS) {
				options.remove(0);
			}
			options.add(new FlowOption("terug", "back", back));
			replace(steps, new FlowStep(last.id(), StepKind.QUESTION, last.textNl(), last.textEn(), options, null,
					null));
			assertThatThrownBy(() -> FlowRules.check(flow(steps))).isInstanceOf(InvalidFlowException.class)
				.extracting(e -> ((InvalidFlowException) e).code())
				.isIn("cycle", "unreachable");
		});
	}

	@Test
	void randomTreesWithADanglingOptionAreRefused() {
		RandomInput.tries(300, random -> {
			List<FlowStep> steps = new ArrayList<>(randomTree(random));
			FlowStep victim = RandomInput.oneOf(random, steps);
			List<FlowOption> options = new ArrayList<>(victim.options());
			if (options.size() == FlowRules.MAX_OPTIONS) {
				options.remove(0);
			}
			options.add(new FlowOption("nergens", "nowhere", "nowhere-" + random.nextInt(1000)));
			replace(steps, new FlowStep(victim.id(), StepKind.QUESTION, victim.textNl(), victim.textEn(), options,
					null, null));
			assertThatThrownBy(() -> FlowRules.check(flow(steps))).isInstanceOf(InvalidFlowException.class)
				.extracting(e -> ((InvalidFlowException) e).code())
				.isEqualTo("dangling");
		});
	}

	@Test
	void aStepNobodyLeadsToIsRefused() {
		RandomInput.tries(200, random -> {
			List<FlowStep> steps = new ArrayList<>(randomTree(random, FlowRules.MAX_STEPS - 1));
			steps.add(new FlowStep("orphan", StepKind.ANSWER, "Wees", "Orphan", List.of(), null, null));
			assertThatThrownBy(() -> FlowRules.check(flow(steps))).isInstanceOf(InvalidFlowException.class)
				.extracting(e -> ((InvalidFlowException) e).step())
				.isEqualTo("orphan");
		});
	}

	@Test
	void malformedStepsAreRefusedWithTheirCode() {
		FlowStep end = new FlowStep("end", StepKind.ANSWER, "Klaar", "Done", List.of(), null, null);
		assertThat(code(new FlowDraft("", "Flow", "end", List.of(end)))).isEqualTo("title");
		assertThat(code(new FlowDraft("Stroom", "Flow", "end", List.of()))).isEqualTo("size");
		assertThat(code(new FlowDraft("Stroom", "Flow", "nope", List.of(end)))).isEqualTo("start");
		assertThat(code(new FlowDraft("Stroom", "Flow", "end", List.of(end, end)))).isEqualTo("duplicate");
		assertThat(code(new FlowDraft("Stroom", "Flow", "x", List.of(
				new FlowStep("X Y", StepKind.ANSWER, "a", "b", List.of(), null, null))))).isEqualTo("id");
		assertThat(code(new FlowDraft("Stroom", "Flow", "q", List.of(
				new FlowStep("q", StepKind.QUESTION, "Vraag", "Question", List.of(), null, null))))).isEqualTo("options");
		assertThat(code(new FlowDraft("Stroom", "Flow", "h", List.of(
				new FlowStep("h", StepKind.HANDOFF, "Team", "Team", List.of(), null, " "))))).isEqualTo("team");
		assertThat(code(new FlowDraft("Stroom", "Flow", "a", List.of(
				new FlowStep("a", StepKind.ANSWER, "Antwoord", "", List.of(), null, null))))).isEqualTo("text");
		assertThat(code(new FlowDraft("Stroom", "Flow", "a", List.of(new FlowStep("a", StepKind.ANSWER, "Antwoord",
				"Answer", List.of(new FlowOption("x", "x", "a")), null, null))))).isEqualTo("end-options");
		List<FlowStep> tooMany = new ArrayList<>();
		for (int i = 0; i <= FlowRules.MAX_STEPS; i++) {
			tooMany.add(new FlowStep("s-" + i, StepKind.ANSWER, "a", "b", List.of(), null, null));
		}
		assertThat(code(new FlowDraft("Stroom", "Flow", "s-0", tooMany))).isEqualTo("size");
	}

	private static String code(FlowDraft draft) {
		try {
			FlowRules.check(draft);
			return "accepted";
		}
		catch (InvalidFlowException e) {
			return e.code();
		}
	}

	private static FlowStep find(List<FlowStep> steps, String id) {
		return steps.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
	}

	private static void replace(List<FlowStep> steps, FlowStep step) {
		steps.replaceAll(s -> s.id().equals(step.id()) ? step : s);
	}
}
