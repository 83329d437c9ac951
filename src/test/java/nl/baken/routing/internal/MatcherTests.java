package nl.baken.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class MatcherTests {

	static final Map<String, Integer> DEFAULT_CAPACITY = Map.of("phone", 1, "webchat", 3, "email", 5);

	final Matcher matcher = new Matcher(new Matcher.Rules(Duration.ofMinutes(1), Duration.ofMinutes(3), null));

	static Matcher.Agent agent(String id, Map<String, Integer> skills, Set<String> languages, long lastAssigned) {
		return new Matcher.Agent(id, skills, languages, Set.of(), DEFAULT_CAPACITY, 0, lastAssigned);
	}

	static Matcher.Contact contact(String channel, String language, Map<String, Integer> skills, long enqueued) {
		return new Matcher.Contact(UUID.randomUUID(), channel, language, null, skills, enqueued, enqueued, null,
				Long.MIN_VALUE);
	}

	@Test
	void theBestSkillMatchWinsThenTheLongestIdle() {
		var novice = agent("novice", Map.of("returns", 2), Set.of("nl"), 0);
		var expert = agent("expert", Map.of("returns", 5), Set.of("nl"), 500);
		var expertToo = agent("expert-too", Map.of("returns", 5), Set.of("nl"), 100);
		var c = contact("email", "nl", Map.of("returns", 2), 1_000);
		assertThat(matcher.bestAgent(c, List.of(novice, expert, expertToo), 1_000).orElseThrow().agent().id())
			.isEqualTo("expert-too");
	}

	@Test
	void aContactWaitsForItsLanguageAndSkillLevelUntilRelaxed() {
		var englishOnly = agent("en", Map.of("returns", 5), Set.of("en"), 0);
		var lowLevel = agent("low", Map.of("returns", 2), Set.of("nl"), 0);
		var c = contact("webchat", "nl", Map.of("returns", 4), 0);
		assertThat(matcher.bestAgent(c, List.of(englishOnly, lowLevel), 0)).isEmpty();
		// one minute: level 3 will do; still not enough
		assertThat(matcher.bestAgent(c, List.of(englishOnly, lowLevel), 60_000)).isEmpty();
		// two minutes: level 2 will do, and the Dutch-speaking agent takes it, relaxed
		var decision = matcher.bestAgent(c, List.of(englishOnly, lowLevel), 120_000).orElseThrow();
		assertThat(decision.agent().id()).isEqualTo("low");
		assertThat(decision.relaxed()).isTrue();
		// language is never relaxed with these rules
		assertThat(matcher.bestAgent(c, List.of(englishOnly), 3_600_000)).isEmpty();
	}

	@Test
	void capacityHoldsAcrossChannels() {
		var a = agent("a", Map.of(), Set.of("nl"), 0);
		List<Matcher.Contact> contacts = new ArrayList<>();
		contacts.add(contact("webchat", "nl", Map.of(), 1));
		contacts.add(contact("webchat", "nl", Map.of(), 2));
		contacts.add(contact("email", "nl", Map.of(), 3));
		contacts.add(contact("email", "nl", Map.of(), 4));
		contacts.add(contact("phone", "nl", Map.of(), 5));
		// two chats (2 x 280) and one e-mail (168) fill 728 of 840; a second e-mail does not fit, nor a call
		List<Matcher.Decision> decisions = matcher.assignAll(contacts, List.of(a), 10);
		assertThat(decisions).extracting(d -> d.contact().channel()).containsExactly("webchat", "webchat", "email");
		assertThat(a.load()).isEqualTo(728);
	}

	@Test
	void aRepeatContactWaitsForItsAgentUntilTheStickyTimeEnds() {
		var known = agent("known", Map.of(), Set.of("nl"), 0);
		var other = agent("other", Map.of(), Set.of("nl"), -5);
		known.load = Matcher.FULL;
		var repeat = new Matcher.Contact(UUID.randomUUID(), "email", "nl", null, Map.of(), 0, 0, "known", 120_000);
		assertThat(matcher.bestAgent(repeat, List.of(known, other), 60_000)).isEmpty();
		assertThat(matcher.bestAgent(repeat, List.of(known, other), 130_000).orElseThrow().agent().id())
			.isEqualTo("other");
		known.load = 0;
		assertThat(matcher.bestAgent(repeat, List.of(known, other), 60_000).orElseThrow().agent().id())
			.isEqualTo("known");
	}

	@Test
	void anAgentPicksTheFirstContactTheyMayTake() {
		var a = agent("a", Map.of("billing", 3), Set.of("en"), 0);
		var dutch = contact("email", "nl", Map.of(), 0);
		var needsReturns = contact("email", "en", Map.of("returns", 1), 1);
		var fits = contact("email", "en", Map.of("billing", 2), 2);
		assertThat(matcher.bestContact(a, List.of(dutch, needsReturns, fits), 10).orElseThrow().contact())
			.isEqualTo(fits);
	}

	/**
	 * Random agents and contacts, passes and completed work interleaved: no agent ever goes over capacity, no contact
	 * goes to an agent without its language or skill levels unless its waiting time relaxed them, none is assigned
	 * twice, and no eligible pair is left when a pass ends.
	 */
	@RepeatedTest(20)
	void invariantsHoldForRandomQueues() {
		Random random = new Random();
		String[] languages = { "nl", "en", "de" };
		String[] skills = { "orders", "returns", "billing", "technical" };
		String[] channels = { "phone", "webchat", "email" };
		List<Matcher.Agent> agents = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Map<String, Integer> own = new HashMap<>();
			for (String skill : skills) {
				if (random.nextBoolean()) {
					own.put(skill, 1 + random.nextInt(5));
				}
			}
			Set<String> speaks = new HashSet<>(Set.of(languages[random.nextInt(3)]));
			if (random.nextBoolean()) {
				speaks.add(languages[random.nextInt(3)]);
			}
			agents.add(new Matcher.Agent("agent-" + i, own, speaks, Set.of(), DEFAULT_CAPACITY, 0, random.nextInt(100)));
		}
		Map<UUID, Matcher.Decision> assigned = new HashMap<>();
		List<Matcher.Contact> waiting = new ArrayList<>();
		long now = 0;
		for (int round = 0; round < 40; round++) {
			now += random.nextInt(60_000);
			for (int i = 0; i < 10; i++) {
				Map<String, Integer> needs = new HashMap<>();
				needs.put(skills[random.nextInt(4)], 1 + random.nextInt(5));
				waiting.add(new Matcher.Contact(UUID.randomUUID(), channels[random.nextInt(3)],
						languages[random.nextInt(3)], null, needs, now - random.nextInt(300_000), now, null,
						Long.MIN_VALUE));
			}
			waiting.sort(Comparator.comparingLong(Matcher.Contact::rank));
			List<Matcher.Decision> decisions = matcher.assignAll(waiting, agents, now);
			for (Matcher.Decision d : decisions) {
				assertThat(assigned.put(d.contact().id(), d)).as("assigned twice").isNull();
				Matcher.Agent agent = d.agent();
				assertThat(agent.load()).isBetween(0, Matcher.FULL);
				boolean relaxedOnly = !agent.languages.contains(d.contact().language())
						|| d.contact().skills().entrySet().stream()
							.anyMatch(e -> agent.skills.getOrDefault(e.getKey(), 0) < e.getValue());
				if (relaxedOnly) {
					assertThat(d.relaxed()).isTrue();
					assertThat(agent.languages).contains(d.contact().language());
					assertThat(matcher.fitsRelaxed(agent, d.contact(), now - d.contact().enqueuedMs())).isTrue();
				}
			}
			Set<UUID> taken = new HashSet<>();
			decisions.forEach(d -> taken.add(d.contact().id()));
			waiting.removeIf(c -> taken.contains(c.id()));
			// nobody left behind: no waiting contact fits an agent with room
			for (Matcher.Contact c : waiting) {
				assertThat(matcher.bestAgent(c, agents, now)).as("left behind").isEmpty();
			}
			// some work ends
			for (Matcher.Decision d : new ArrayList<>(assigned.values())) {
				if (random.nextInt(3) == 0 && d.agent().load() >= d.units()) {
					d.agent().release(d.units());
					assigned.remove(d.contact().id());
				}
			}
		}
	}
}
