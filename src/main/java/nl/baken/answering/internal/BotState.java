package nl.baken.answering.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the bot stands in one conversation, stored as JSON in {@code bot_session}. {@code question} is the customer's
 * question the bot works on, {@code intent}/{@code confidence} what the matcher made of it, {@code slots} the details
 * collected so far (slot name → normalised value), {@code asking} the slot asked for, {@code tries} invalid answers
 * in a row, {@code lowConfidence} questions it could not answer, {@code lookup} the last look-up's outcome,
 * {@code suggestedFor} the question it last offered numbered suggestions for (the customer may answer with a number).
 */
public record BotState(String language, Phase phase, String question, String intent, String intentTitle,
		double confidence, String reasonId, String dialogId, Map<String, String> slots, String asking, int tries,
		int lowConfidence, int notFound, String lookup, int turns, String suggestedFor) {

	public enum Phase {

		/** Waiting for a question. */
		QUESTION,

		/** Asked for the slot {@code asking}. */
		FILLING,

		/** Asked whether the collected details are right. */
		CONFIRM,

		/** Answered; asked whether that helped. */
		FEEDBACK,

		/** Closed without a person. */
		CONTAINED,

		/** Handed to the queue. */
		HANDED_OFF
	}

	public BotState {
		slots = slots == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(slots));
		phase = phase == null ? Phase.QUESTION : phase;
	}

	public static BotState start(String language) {
		return new BotState(language, Phase.QUESTION, null, null, null, 0, null, null, Map.of(), null, 0, 0, 0, null,
				0, null);
	}

	public boolean finished() {
		return phase == Phase.CONTAINED || phase == Phase.HANDED_OFF;
	}

	BotState in(Phase next) {
		return new BotState(language, next, question, intent, intentTitle, confidence, reasonId, dialogId, slots,
				asking, tries, lowConfidence, notFound, lookup, turns, suggestedFor);
	}

	BotState asking(String slot) {
		return new BotState(language, slot == null ? Phase.CONFIRM : Phase.FILLING, question, intent, intentTitle,
				confidence, reasonId, dialogId, slots, slot, 0, lowConfidence, notFound, lookup, turns, suggestedFor);
	}

	BotState withSlot(String name, String value) {
		Map<String, String> next = new LinkedHashMap<>(slots);
		next.put(name, value);
		return new BotState(language, phase, question, intent, intentTitle, confidence, reasonId, dialogId, next,
				asking, tries, lowConfidence, notFound, lookup, turns, suggestedFor);
	}

	BotState triedAgain() {
		return new BotState(language, phase, question, intent, intentTitle, confidence, reasonId, dialogId, slots,
				asking, tries + 1, lowConfidence, notFound, lookup, turns, suggestedFor);
	}

	BotState notUnderstood(String text, String bestIntent, String bestTitle, double bestConfidence) {
		return new BotState(language, Phase.QUESTION, question == null ? text : question, bestIntent, bestTitle,
				bestConfidence, reasonId, null, slots, null, 0, lowConfidence + 1, notFound, lookup, turns, null);
	}

	BotState understood(String text, String matched, String title, double matchedConfidence, String reason,
			String dialog) {
		return new BotState(language, phase, text, matched, title, matchedConfidence, reason, dialog, slots, null, 0,
				lowConfidence, 0, lookup, turns, null);
	}

	BotState suggested(String text) {
		return new BotState(language, phase, question, intent, intentTitle, confidence, reasonId, dialogId, slots,
				asking, tries, lowConfidence, notFound, lookup, turns, text);
	}

	BotState lookedUp(String outcome, boolean orderFound) {
		return new BotState(language, phase, question, intent, intentTitle, confidence, reasonId, dialogId, slots,
				asking, tries, lowConfidence, orderFound ? notFound : notFound + 1, outcome, turns, suggestedFor);
	}

	BotState turn() {
		return new BotState(language, phase, question, intent, intentTitle, confidence, reasonId, dialogId, slots,
				asking, tries, lowConfidence, notFound, lookup, turns + 1, suggestedFor);
	}
}
