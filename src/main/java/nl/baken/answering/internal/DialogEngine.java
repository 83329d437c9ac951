package nl.baken.answering.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.baken.answering.Answer;
import nl.baken.answering.internal.BotState.Phase;
import nl.baken.answering.internal.DialogDefinitions.Dialog;
import nl.baken.answering.internal.DialogDefinitions.Slot;

/**
 * The bot's turn-taking, without side effects: a state and the customer's message in, the next state, the bot's
 * replies and what should happen next (look up an order, hand off, close as contained) out. Any text at any step
 * gives a step; the caller stores the state, sends the replies and does the look-up or hand-off.
 */
public final class DialogEngine {

	/** Invalid answers in a row, and questions not understood, before a person takes over. */
	static final int MAX_TRIES = 3;

	static final int MAX_LOW_CONFIDENCE = 2;

	static final int MAX_NOT_FOUND = 2;

	private static final int MAX_TEXT = 2000;

	private static final int SUGGESTIONS = 3;

	private static final Pattern PICK = Pattern.compile("(?i)\\s*(?:nr\\.?|nummer|number|no\\.?)?\\s*([1-9])\\s*[.)]?\\s*");

	public enum Outcome {
		CONTINUE, LOOKUP, HAND_OFF, CONTAINED
	}

	/** A message of the bot; {@code kind} names the step (answer, ask, invalid, confirm, …) for the event log. */
	public record Reply(String kind, String text) {
	}

	/**
	 * {@code answered}: the article the bot answered with in this step (for the {@code bot_answered} event);
	 * {@code handOffReason}: why, when the outcome is a hand-off.
	 */
	public record Step(BotState state, List<Reply> replies, Outcome outcome, String handOffReason,
			Understanding.Known answered) {

		public Step {
			replies = List.copyOf(replies);
		}
	}

	private final DialogDefinitions definitions;

	private final BotTexts texts;

	private final Set<String> humanOnly;

	/** @param humanOnly contact reasons whose questions the bot hands to a person at once, without answering */
	public DialogEngine(DialogDefinitions definitions, BotTexts texts, Set<String> humanOnly) {
		this.definitions = definitions;
		this.texts = texts;
		this.humanOnly = Set.copyOf(humanOnly);
	}

	/**
	 * The routing urgency (0–3) a hand-off for this reason asks for: an urgent customer first, an upset one soon;
	 * null leaves it to routing.
	 */
	public static Integer urgency(String handOffReason) {
		return switch (handOffReason == null ? "" : handOffReason) {
			case DialogDefinitions.URGENT -> 3;
			case DialogDefinitions.UPSET -> 2;
			default -> null;
		};
	}

	public DialogDefinitions definitions() {
		return definitions;
	}

	// The matcher reads what the question is about: "where's my order TH-100236?" as "where's my order ?".
	private Function<String, Understanding> onTopic(Function<String, Understanding> matcher) {
		return question -> matcher.apply(definitions.topicOf(question));
	}

	/** The next step after the customer wrote {@code message}; {@code matcher} asks the matcher. */
	public Step next(BotState current, String message, Function<String, Understanding> matcher) {
		Function<String, Understanding> understand = onTopic(matcher);
		String text = message == null ? "" : message.strip();
		text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
		BotState state = current.turn();
		if (state.finished()) {
			return new Step(state, List.of(), Outcome.CONTINUE, null, null);
		}
		String feeling = definitions.feeling(text);
		if (feeling != null) {
			return attended(state, text, understand, feeling, "bot.handoff." + feeling);
		}
		if (definitions.asksForPerson(text)) {
			return handOff(state.question() == null && !text.isEmpty() ? state.understood(text, null, null, 0, null,
					null) : state, "customer-asked", "bot.handoff.asked");
		}
		return switch (state.phase()) {
			case FILLING -> fill(state, text);
			case CONFIRM -> confirm(state, text);
			case FEEDBACK -> feedback(state, text, understand);
			default -> question(state, text, understand);
		};
	}

	/**
	 * The customer is affected by an incident: its status ({@code statuses}, one text per incident) answers their
	 * question, then "did this help?" — yes ends the dialog, no hands off, anything else is a new question. A customer
	 * asking for a person, urgent or upset, or in the middle of a dialog, gets the status ahead of the dialog's own next
	 * step.
	 */
	public Step incidentStatus(BotState current, String message, List<String> statuses,
			Function<String, Understanding> matcher) {
		Function<String, Understanding> understand = onTopic(matcher);
		String text = message == null ? "" : message.strip();
		text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
		List<Reply> replies = new ArrayList<>();
		for (String status : statuses) {
			replies.add(new Reply("incident", status));
		}
		if (current.phase() != Phase.QUESTION || current.finished() || definitions.asksForPerson(text)
				|| definitions.feeling(text) != null) {
			Step step = next(current, message, understand);
			replies.addAll(step.replies());
			return new Step(step.state(), replies, step.outcome(), step.handOffReason(), step.answered());
		}
		BotState answered = current.turn()
			.understood(text.isEmpty() ? null : text, null, null, 0, null, null)
			.lookedUp(texts.text("bot.incident.lookup", current.language(), statuses.size()), true)
			.in(Phase.FEEDBACK);
		replies.add(new Reply("feedback", texts.text("bot.feedback.ask", current.language())));
		return new Step(answered, replies, Outcome.CONTINUE, null, null);
	}

	/** The step after the order look-up the previous step asked for. */
	public Step afterLookup(BotState state, OrderLookup lookup) {
		String language = state.language();
		return switch (lookup.kind()) {
			case FOUND -> {
				BotState answered = state.lookedUp(lookup.summary(), true).in(Phase.FEEDBACK);
				yield new Step(answered,
						List.of(new Reply("lookup", orderStatus(lookup, language)),
								new Reply("feedback", texts.text("bot.feedback.ask", language))),
						Outcome.CONTINUE, null, null);
			}
			case NOT_FOUND -> {
				BotState missing = state.lookedUp(lookup.summary(), false);
				if (missing.notFound() >= MAX_NOT_FOUND) {
					yield handOff(missing, "order-not-found", "bot.handoff.notFound");
				}
				Dialog dialog = definitions.dialog(state.dialogId()).orElseThrow();
				Slot slot = orderSlot(dialog).orElseThrow();
				BotState again = withoutSlot(missing, slot.name()).asking(slot.name());
				yield new Step(again, List.of(new Reply("not-found",
						texts.text("bot.lookup.notFound", language, lookup.orderNumber()) + " "
								+ definitions.prompt(slot, language))),
						Outcome.CONTINUE, null, null);
			}
			case FAILED -> handOff(state.lookedUp(lookup.summary(), true), "integration-failed", "bot.handoff.failed");
		};
	}

	private Step question(BotState state, String text, Function<String, Understanding> understand) {
		if (text.isEmpty()) {
			return new Step(state, List.of(new Reply("rephrase", texts.text("bot.empty", state.language()))),
					Outcome.CONTINUE, null, null);
		}
		// "Hallo" or "ik heb een vraag" is not a question the bot failed to understand: no strike towards a hand-off
		if (definitions.isSmallTalk(text)) {
			return new Step(state, List.of(new Reply("greeting", texts.text("bot.greeting", state.language()))),
					Outcome.CONTINUE, null, null);
		}
		// "ja" to "is it one of these?" does not say which: ask for the number, no strike
		if (state.suggestedFor() != null && state.suggestedFor().equals(state.question()) && definitions.isYes(text)) {
			return new Step(state, List.of(new Reply("which", texts.text("bot.suggest.which", state.language()))),
					Outcome.CONTINUE, null, null);
		}
		Optional<Understanding.Known> picked = pickedByNumber(state, text, understand);
		Understanding understanding = picked.isPresent() ? null : understand.apply(text);
		if (understanding != null && understanding.decision() != Answer.Decision.ANSWER) {
			// a reply the bot understands on its own is a new question, even with an order number in it
			picked = pickedByDetail(state, text, understand);
		}
		if (picked.isPresent()) {
			understanding = new Understanding(Answer.Decision.ANSWER, state.confidence(), List.of(picked.get()));
		}
		Understanding.Known best = understanding.matches().isEmpty() ? null : understanding.matches().getFirst();
		String question = picked.isPresent() ? state.suggestedFor() : text;
		if (understanding.decision() == Answer.Decision.ANSWER && best != null) {
			BotState known = understoodAs(state, question, best, understanding.confidence());
			if (known.reasonId() != null && humanOnly.contains(known.reasonId())) {
				return handOff(known, "human-only", "bot.handoff.humanOnly");
			}
			Optional<Dialog> dialog = definitions.dialog(known.dialogId() == null ? "" : known.dialogId());
			if (dialog.isPresent()) {
				BotState started = known;
				for (Slot slot : dialog.get().slots()) {
					// a detail in the reply that picked a suggestion counts before one in the question
					Optional<String> given = definitions.extract(slot.type(), text)
						.or(() -> definitions.extract(slot.type(), question));
					if (given.isPresent()) {
						started = started.withSlot(slot.name(), given.get());
					}
				}
				List<Reply> replies = new ArrayList<>();
				replies.add(new Reply("dialog", texts.text("bot.dialog.start", state.language(), best.title())));
				return askNext(started, dialog.get(), replies);
			}
			BotState answered = known.in(Phase.FEEDBACK);
			return new Step(answered,
					List.of(new Reply("answer", texts.text("bot.answer", state.language(), best.shortAnswer(),
							best.url())), new Reply("feedback", texts.text("bot.feedback.ask", state.language()))),
					Outcome.CONTINUE, null, best);
		}
		BotState low = state.notUnderstood(text, best == null ? null : best.slug(),
				best == null ? null : best.title(), understanding.confidence());
		if (low.lowConfidence() >= MAX_LOW_CONFIDENCE) {
			return handOff(low, "low-confidence", "bot.handoff.unknown");
		}
		if (understanding.decision() == Answer.Decision.SUGGEST && best != null) {
			StringBuilder titles = new StringBuilder();
			List<Understanding.Known> offered = understanding.matches().stream().limit(SUGGESTIONS).toList();
			for (int i = 0; i < offered.size(); i++) {
				titles.append('\n').append(i + 1).append(". ").append(offered.get(i).title());
			}
			return new Step(low.suggested(text), List.of(new Reply("suggest",
					texts.text("bot.suggest", state.language(), titles.toString()))), Outcome.CONTINUE, null, null);
		}
		return new Step(low, List.of(new Reply("rephrase", texts.text("bot.rephrase", state.language()))),
				Outcome.CONTINUE, null, null);
	}

	/** The suggestion the customer chose by its number ("2", "2.", "nr 2"), from the question it was offered for. */
	private static Optional<Understanding.Known> pickedByNumber(BotState state, String text,
			Function<String, Understanding> understand) {
		Matcher number = PICK.matcher(text);
		if (state.suggestedFor() == null || !number.matches()) {
			return Optional.empty();
		}
		List<Understanding.Known> offered = understand.apply(state.suggestedFor()).matches();
		int index = Integer.parseInt(number.group(1)) - 1;
		return index < Math.min(SUGGESTIONS, offered.size()) ? Optional.of(offered.get(index)) : Optional.empty();
	}

	/**
	 * The suggestion a reply the bot does not understand on its own chose by giving a detail that only one of the
	 * offered dialogs asks for: an order number after "1. Where is my order? 2. Paying by card".
	 */
	private Optional<Understanding.Known> pickedByDetail(BotState state, String text,
			Function<String, Understanding> understand) {
		boolean detail = state.suggestedFor() != null && definitions.dialogs()
			.stream()
			.flatMap(d -> d.slots().stream())
			.anyMatch(slot -> definitions.extract(slot.type(), text).isPresent());
		if (!detail) {
			return Optional.empty();
		}
		List<Understanding.Known> asking = understand.apply(state.suggestedFor())
			.matches()
			.stream()
			.limit(SUGGESTIONS)
			.filter(known -> definitions.forArticle(known.slug())
				.filter(d -> d.slots().stream().anyMatch(s -> definitions.extract(s.type(), text).isPresent()))
				.isPresent())
			.toList();
		return asking.size() == 1 ? Optional.of(asking.getFirst()) : Optional.empty();
	}

	private Step fill(BotState state, String text) {
		Optional<Dialog> found = definitions.dialog(state.dialogId());
		Optional<Slot> asked = found.flatMap(d -> d.slot(state.asking()));
		if (asked.isEmpty()) {
			// the definitions changed under a running dialog: a person finishes it
			return handOff(state, "dialog-changed", "bot.handoff.collected");
		}
		Dialog dialog = found.get();
		Optional<String> value = definitions.extract(asked.get().type(), text);
		if (value.isEmpty()) {
			BotState again = state.triedAgain();
			if (again.tries() >= MAX_TRIES) {
				return handOff(again, "invalid-input", "bot.handoff.invalid");
			}
			return new Step(again, List.of(new Reply("invalid",
					definitions.type(asked.get().type()).invalid().get(state.language()) + " "
							+ definitions.prompt(asked.get(), state.language()))),
					Outcome.CONTINUE, null, null);
		}
		BotState filled = state.withSlot(asked.get().name(), value.get());
		// details given ahead of the question are kept too
		for (Slot slot : dialog.slots()) {
			if (!filled.slots().containsKey(slot.name())) {
				Optional<String> extra = definitions.extract(slot.type(), text);
				if (extra.isPresent() && !extra.get().equals(value.get())) {
					filled = filled.withSlot(slot.name(), extra.get());
				}
			}
		}
		return askNext(filled, dialog, new ArrayList<>());
	}

	private Step confirm(BotState state, String text) {
		Optional<Dialog> found = definitions.dialog(state.dialogId());
		if (found.isEmpty()) {
			return handOff(state, "dialog-changed", "bot.handoff.collected");
		}
		Dialog dialog = found.get();
		BotState corrected = corrections(state, dialog, text);
		if (corrected != state) {
			List<Reply> replies = new ArrayList<>();
			replies.add(new Reply("corrected", texts.text("bot.corrected", state.language())));
			return askNext(corrected, dialog, replies);
		}
		if (definitions.isYes(text)) {
			return complete(state, dialog, new ArrayList<>());
		}
		BotState again = state.triedAgain();
		if (again.tries() >= MAX_TRIES) {
			return handOff(again, "invalid-input", "bot.handoff.invalid");
		}
		String key = definitions.isNo(text) ? "bot.confirm.which" : "bot.confirm.unclear";
		return new Step(again, List.of(new Reply("confirm", texts.text(key, state.language(), labels(dialog,
				state.language())) + "\n" + summary(again, dialog))), Outcome.CONTINUE, null, null);
	}

	private Step feedback(BotState state, String text, Function<String, Understanding> understand) {
		Optional<Dialog> dialog = definitions.dialog(state.dialogId() == null ? "" : state.dialogId());
		if (dialog.isPresent()) {
			BotState corrected = corrections(state, dialog.get(), text);
			if (corrected != state) {
				return complete(corrected, dialog.get(), new ArrayList<>());
			}
		}
		if (definitions.isYes(text)) {
			return new Step(state.in(Phase.CONTAINED),
					List.of(new Reply("closing", texts.text("bot.feedback.thanks", state.language()))),
					Outcome.CONTAINED, null, null);
		}
		if (definitions.isNo(text)) {
			BotState unhelped = state.notUnderstood(text, state.intent(), state.intentTitle(), state.confidence());
			if (state.lookup() != null || unhelped.lowConfidence() >= MAX_LOW_CONFIDENCE) {
				return handOff(unhelped, "not-helped", "bot.handoff.unknown");
			}
			return new Step(unhelped, List.of(new Reply("rephrase", texts.text("bot.feedback.sorry",
					state.language()))), Outcome.CONTINUE, null, null);
		}
		// anything else is a new question
		return question(new BotState(state.language(), Phase.QUESTION, null, null, null, 0, null, null, Map.of(), null,
				0, state.lowConfidence(), 0, null, state.turns(), null), text, understand);
	}

	private BotState corrections(BotState state, Dialog dialog, String text) {
		BotState corrected = state;
		for (Slot slot : dialog.slots()) {
			Optional<String> value = definitions.extract(slot.type(), text);
			if (value.isPresent() && !value.get().equals(corrected.slots().get(slot.name()))
					&& !corrected.slots().containsValue(value.get())) {
				corrected = corrected.withSlot(slot.name(), value.get());
			}
		}
		return corrected;
	}

	private Step askNext(BotState state, Dialog dialog, List<Reply> replies) {
		for (Slot slot : dialog.slots()) {
			if (!state.slots().containsKey(slot.name())) {
				replies.add(new Reply("ask", definitions.prompt(slot, state.language())));
				return new Step(state.asking(slot.name()), replies, Outcome.CONTINUE, null, null);
			}
		}
		if (Dialog.LOOKUP.equals(dialog.then())) {
			// a look-up shows the number it looked up, so the customer corrects it there rather than confirming first
			return complete(state, dialog, replies);
		}
		BotState confirming = state.asking(null);
		replies.add(new Reply("confirm", texts.text("bot.confirm", state.language()) + "\n" + summary(confirming,
				dialog)));
		return new Step(confirming, replies, Outcome.CONTINUE, null, null);
	}

	private Step complete(BotState state, Dialog dialog, List<Reply> replies) {
		if (Dialog.LOOKUP.equals(dialog.then())) {
			return new Step(state.asking(null), replies, Outcome.LOOKUP, null, null);
		}
		Step handOff = handOff(state, "details-collected", "bot.handoff.collected");
		replies.addAll(handOff.replies());
		return new Step(handOff.state(), replies, Outcome.HAND_OFF, handOff.handOffReason(), null);
	}

	/**
	 * An urgent or upset customer gets one sentence and a person with priority, not more bot. What they asked, when
	 * the matcher is sure of it, still gives the contact reason and topic that route them.
	 */
	private Step attended(BotState state, String text, Function<String, Understanding> understand, String reason,
			String key) {
		BotState known = state;
		if (state.question() == null && !text.isEmpty()) {
			Understanding understanding = understand.apply(text);
			known = understanding.decision() == Answer.Decision.ANSWER && !understanding.matches().isEmpty()
					? understoodAs(state, text, understanding.matches().getFirst(), understanding.confidence())
					: state.understood(text, null, null, 0, null, null);
		}
		return handOff(known, reason, key);
	}

	/** The question understood as this article, with the contact reason and dialog it brings. */
	private BotState understoodAs(BotState state, String text, Understanding.Known best, double confidence) {
		Optional<Dialog> dialog = definitions.forArticle(best.slug());
		String reason = dialog.map(Dialog::reason).orElse(null);
		return state.understood(text, best.slug(), best.title(), confidence, reason == null ? best.reasonId() : reason,
				dialog.map(Dialog::id).orElse(null));
	}

	private Step handOff(BotState state, String reason, String key) {
		return new Step(state.in(Phase.HANDED_OFF), List.of(new Reply("hand-off", texts.text(key,
				state.language()))), Outcome.HAND_OFF, reason, null);
	}

	/** The order number a look-up dialog collects (its first order-number slot). */
	public Optional<String> orderNumber(BotState state) {
		return definitions.dialog(state.dialogId() == null ? "" : state.dialogId())
			.flatMap(DialogEngine::orderSlot)
			.map(slot -> state.slots().get(slot.name()));
	}

	private static Optional<Slot> orderSlot(Dialog dialog) {
		return dialog.slots().stream().filter(s -> s.type().equals("order-number")).findFirst();
	}

	private static BotState withoutSlot(BotState state, String name) {
		Map<String, String> slots = new java.util.LinkedHashMap<>(state.slots());
		slots.remove(name);
		return new BotState(state.language(), state.phase(), state.question(), state.intent(), state.intentTitle(),
				state.confidence(), state.reasonId(), state.dialogId(), slots, state.asking(), state.tries(),
				state.lowConfidence(), state.notFound(), state.lookup(), state.turns(), state.suggestedFor());
	}

	private String labels(Dialog dialog, String language) {
		return String.join(", ", dialog.slots().stream()
			.map(s -> definitions.type(s.type()).label().get(language).toLowerCase(java.util.Locale.ROOT))
			.toList());
	}

	/** The collected details, one "label: value" line each. */
	public String summary(BotState state, Dialog dialog) {
		StringBuilder lines = new StringBuilder();
		for (Slot slot : dialog.slots()) {
			if (state.slots().containsKey(slot.name())) {
				lines.append(lines.isEmpty() ? "" : "\n")
					.append("• ")
					.append(definitions.type(slot.type()).label().get(state.language()))
					.append(": ")
					.append(state.slots().get(slot.name()));
			}
		}
		return lines.toString();
	}

	private String orderStatus(OrderLookup lookup, String language) {
		String status = texts.text("bot.order.status." + lookup.status(), language);
		StringBuilder text = new StringBuilder(texts.text("bot.lookup.found", language, lookup.orderNumber(), status));
		if (lookup.expected() != null) {
			text.append(' ').append(texts.text("bot.lookup.expected", language, lookup.expected().toString()));
		}
		if (lookup.carrier() != null && lookup.trackingUrl() != null) {
			text.append(' ').append(texts.text("bot.lookup.tracking", language, lookup.carrier(),
					lookup.trackingUrl()));
		}
		return text.toString();
	}
}
