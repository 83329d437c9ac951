package nl.baken.routing.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The assignment decision, without a database: which agent a contact goes to, and which contact an agent takes next.
 * Public only so that the benchmark in {@code bench/} can drive it; other modules use {@code Routing}.
 * <p>
 * An agent is eligible when the contact fits in their remaining capacity and they meet its language, brand and skill
 * levels — each relaxed as the contact waits longer (see {@link Rules}). Among eligible agents the best skill match
 * wins: agents meeting the unrelaxed requirements first, then the highest levels on the required skills, then the
 * one who has waited longest since their last assignment. A repeat contact waits for the agent who handled the
 * customer before until its sticky time ends.
 */
public final class Matcher {

	/** A full agent: divisible by 1 to 8 open contacts of one channel, so the shares of channels add up exactly. */
	public static final int FULL = 840;

	/**
	 * How requirements relax with waiting time: every {@code levelStep} the required skill levels drop by one (never
	 * below 1: the skill itself stays required); after {@code brandAfter} any brand will do, after
	 * {@code languageAfter} any language. A zero or null duration never relaxes.
	 */
	public record Rules(Duration levelStep, Duration brandAfter, Duration languageAfter) {

		int levelDrop(long waitedMs) {
			return active(levelStep) ? (int) Math.min(5, waitedMs / levelStep.toMillis()) : 0;
		}

		boolean brandRelaxed(long waitedMs) {
			return active(brandAfter) && waitedMs >= brandAfter.toMillis();
		}

		boolean languageRelaxed(long waitedMs) {
			return active(languageAfter) && waitedMs >= languageAfter.toMillis();
		}

		boolean relaxesLanguage() {
			return active(languageAfter);
		}

		private static boolean active(Duration d) {
			return d != null && !d.isZero() && !d.isNegative();
		}
	}

	/** An agent that may take work now; {@code load} and {@code lastAssignedMs} change as the pass assigns. */
	public static final class Agent {

		final String id;

		final Map<String, Integer> skills;

		final Set<String> languages;

		final Set<String> brands;

		final Map<String, Integer> maxOpen;

		int load;

		long lastAssignedMs;

		public Agent(String id, Map<String, Integer> skills, Set<String> languages, Set<String> brands,
				Map<String, Integer> maxOpen, int load, long lastAssignedMs) {
			this.id = id;
			this.skills = skills;
			this.languages = languages;
			this.brands = brands;
			this.maxOpen = maxOpen;
			this.load = load;
			this.lastAssignedMs = lastAssignedMs;
		}

		public String id() {
			return id;
		}

		public int load() {
			return load;
		}

		/** The channels the agent takes: the defaults and any their own capacity names. */
		public Set<String> channels() {
			return maxOpen.keySet();
		}

		/** The share of a full agent one contact of this channel takes, or -1 when the agent does not take it. */
		public int units(String channel) {
			Integer max = maxOpen.get(channel);
			return max == null || max <= 0 ? -1 : (FULL + max - 1) / max;
		}

		/** Whether a contact of any channel the agent takes still fits. */
		boolean hasRoom() {
			for (Integer max : maxOpen.values()) {
				if (max != null && max > 0 && load + (FULL + max - 1) / max <= FULL) {
					return true;
				}
			}
			return false;
		}

		/** Lets the caller (a benchmark, a simulation) free capacity when work ends. */
		public void release(int units) {
			load = Math.max(0, load - units);
		}
	}

	/** A waiting contact. {@code rank}: lower goes first (entered the queue minus its head start, in ms). */
	public record Contact(UUID id, String channel, String language, String brand, Map<String, Integer> skills,
			long rank, long enqueuedMs, String stickyAgent, long stickyUntilMs) {
	}

	public record Decision(Contact contact, Agent agent, int units, boolean relaxed) {
	}

	private final Rules rules;

	public Matcher(Rules rules) {
		this.rules = Objects.requireNonNull(rules);
	}

	/** The best agent for this contact now, if any; does not change the agent. */
	public Optional<Decision> bestAgent(Contact contact, List<Agent> agents, long nowMs) {
		long waited = nowMs - contact.enqueuedMs();
		boolean stickyOnly = contact.stickyAgent() != null && nowMs < contact.stickyUntilMs();
		Agent best = null;
		boolean bestFull = false;
		int bestLevels = -1;
		int bestUnits = 0;
		for (Agent agent : agents) {
			if (stickyOnly && !agent.id.equals(contact.stickyAgent())) {
				continue;
			}
			int units = agent.units(contact.channel());
			if (units < 0 || agent.load + units > FULL) {
				continue;
			}
			int levels = levels(agent, contact, 0);
			boolean full = levels >= 0 && languageFits(agent, contact) && brandFits(agent, contact);
			if (!full) {
				if (stickyOnly || !fitsRelaxed(agent, contact, waited)) {
					continue;
				}
				levels = levels(agent, contact, rules.levelDrop(waited));
			}
			if (contact.stickyAgent() != null && agent.id.equals(contact.stickyAgent())) {
				// the agent who knows the customer beats any skill score
				return Optional.of(new Decision(contact, agent, units, !full));
			}
			if (best == null || better(full, levels, agent, bestFull, bestLevels, best)) {
				best = agent;
				bestFull = full;
				bestLevels = levels;
				bestUnits = units;
			}
		}
		return best == null ? Optional.empty() : Optional.of(new Decision(contact, best, bestUnits, !bestFull));
	}

	/**
	 * One greedy pass: contacts in rank order each take their best agent, whose load goes up before the next
	 * decision. Contacts whose kind of requirements already found no agent in this pass are skipped: agents only
	 * fill up during a pass.
	 */
	public List<Decision> assignAll(List<Contact> byRank, List<Agent> agents, long nowMs) {
		List<Decision> decisions = new ArrayList<>();
		Set<Object> hopeless = new HashSet<>();
		List<Agent> open = new ArrayList<>(agents);
		for (Contact contact : byRank) {
			open.removeIf(a -> !a.hasRoom());
			if (open.isEmpty()) {
				break;
			}
			long waited = nowMs - contact.enqueuedMs();
			boolean sticky = contact.stickyAgent() != null;
			Object kind = sticky ? null
					: List.of(contact.channel(), String.valueOf(contact.language()), String.valueOf(contact.brand()),
							contact.skills(), rules.levelDrop(waited), rules.brandRelaxed(waited),
							rules.languageRelaxed(waited));
			if (kind != null && hopeless.contains(kind)) {
				continue;
			}
			Optional<Decision> decision = bestAgent(contact, open, nowMs);
			if (decision.isEmpty()) {
				if (kind != null) {
					hopeless.add(kind);
				}
				continue;
			}
			Decision d = decision.get();
			d.agent().load += d.units();
			d.agent().lastAssignedMs = nowMs;
			decisions.add(d);
		}
		return decisions;
	}

	/** The first contact in rank order that this agent may take now (an agent picking work). */
	public Optional<Decision> bestContact(Agent agent, Iterable<Contact> byRank, long nowMs) {
		List<Agent> one = List.of(agent);
		for (Contact contact : byRank) {
			if (contact.stickyAgent() != null && nowMs < contact.stickyUntilMs()
					&& !contact.stickyAgent().equals(agent.id)) {
				continue;
			}
			Optional<Decision> decision = bestAgent(contact, one, nowMs);
			if (decision.isPresent()) {
				return decision;
			}
		}
		return Optional.empty();
	}

	/** Whether the agent meets the contact's requirements as relaxed after waiting this long. */
	public boolean fitsRelaxed(Agent agent, Contact contact, long waitedMs) {
		return levels(agent, contact, rules.levelDrop(waitedMs)) >= 0
				&& (languageFits(agent, contact) || rules.languageRelaxed(waitedMs))
				&& (brandFits(agent, contact) || rules.brandRelaxed(waitedMs));
	}

	private static boolean better(boolean full, int levels, Agent agent, boolean bestFull, int bestLevels,
			Agent best) {
		if (full != bestFull) {
			return full;
		}
		if (levels != bestLevels) {
			return levels > bestLevels;
		}
		return agent.lastAssignedMs < best.lastAssignedMs;
	}

	/** The sum of the agent's levels on the required skills, or -1 when one falls short. */
	private static int levels(Agent agent, Contact contact, int drop) {
		int sum = 0;
		for (Map.Entry<String, Integer> required : contact.skills().entrySet()) {
			Integer level = agent.skills.get(required.getKey());
			if (level == null || level < Math.max(1, required.getValue() - drop)) {
				return -1;
			}
			sum += level;
		}
		return sum;
	}

	static boolean languageFits(Agent agent, Contact contact) {
		return contact.language() == null || agent.languages.contains(contact.language());
	}

	static boolean brandFits(Agent agent, Contact contact) {
		return contact.brand() == null || agent.brands.isEmpty() || agent.brands.contains(contact.brand());
	}
}
