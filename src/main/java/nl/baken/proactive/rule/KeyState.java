package nl.baken.proactive.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What one rule remembers about one key between events, stored as JSON so every node sees the same. {@code fired}
 * is true from the firing until the condition clears: the rule fires once per episode.
 */
final class KeyState {

	/** The newest event time used; an older event that arrives late is not used for the condition. */
	public Instant lastAt;

	public boolean fired;

	/** threshold: the first reading of the current run over (or under) the threshold */
	public Instant runStart;

	/** absence: the event the wait started with, and when it runs out */
	public Instant since;

	public Instant dueAt;

	/** count: the newest event times within the window, at most the rule's count */
	public List<Instant> times = new ArrayList<>();

	/** the customer of the latest event for this key, for the message and the task */
	public UUID customer;
}
