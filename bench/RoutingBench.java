import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import nl.baken.routing.internal.Matcher;

/**
 * Assignment decisions at scale, on the same Matcher the application uses: 1,000 agents and 100,000 waiting contacts
 * with mixed requirements (channel, language, brand, one or two skills with levels), in steady state: an agent's
 * contact ends, the agent gets the best next contact (agent-driven decision), and a new contact arrives and looks for
 * the best agent with room (contact-driven decision), so the queue stays at 100,000. The agent-driven decision looks
 * where the application looks ({@code Routing.pickNext}): the first {@code baken.routing.scan-limit} (2,000) waiting
 * contacts in queue order, which the application reads from the database (that read is not part of the figure).
 * Prints percentiles of each decision and assignments per second; then one full pass (assignAll) over the whole
 * queue with every agent empty.
 *
 * Usage (see bench/routing.sh): java -cp CLASSPATH bench/RoutingBench.java [agents] [contacts] [iterations] [scan]
 */
public class RoutingBench {

	static final String[] CHANNELS = { "phone", "webchat", "whatsapp", "email" };

	static final String[] SKILLS = { "orders", "delivery", "returns", "billing", "warranty", "technical", "garden",
			"kitchen", "b2b", "complaints", "payments", "accounts" };

	static final String[] BRANDS = { "tuinhuys", "kookgraag" };

	static final Map<String, Integer> CAPACITY = Map.of("phone", 1, "webchat", 3, "whatsapp", 3, "email", 5);

	public static void main(String[] args) {
		int agentCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
		int contactCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
		int scan = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
		Random random = new Random(42);
		Matcher matcher = new Matcher(new Matcher.Rules(Duration.ofMinutes(1), Duration.ofMinutes(3), null));
		List<Matcher.Agent> agents = new ArrayList<>();
		for (int i = 0; i < agentCount; i++) {
			agents.add(agent(i, random));
		}
		TreeSet<Matcher.Contact> waiting = new TreeSet<>(BY_RANK);
		long now = 3_600_000;
		for (int i = 0; i < contactCount; i++) {
			waiting.add(contact(random, random.nextLong(now)));
		}
		// fill every agent from the queue, as a busy contact centre is
		Map<Matcher.Agent, ArrayDeque<Integer>> work = new HashMap<>();
		for (Matcher.Agent agent : agents) {
			work.put(agent, new ArrayDeque<>());
		}
		for (Matcher.Decision d : matcher.assignAll(new ArrayList<>(waiting), agents, now)) {
			// assignAll already counted the load
			waiting.remove(d.contact());
			work.get(d.agent()).add(d.units());
			waiting.add(contact(random, now));
		}
		System.out.printf(Locale.ROOT, "agents %,d, waiting contacts %,d, iterations %,d, scan limit %,d%n",
				agentCount, waiting.size(), iterations, scan);

		long[] agentDriven = new long[iterations];
		long[] contactDriven = new long[iterations];
		int assigned = 0;
		long engine = 0;
		long started = System.nanoTime();
		for (int i = 0; i < iterations; i++) {
			now += 10;
			Matcher.Agent agent = agents.get(random.nextInt(agents.size()));
			ArrayDeque<Integer> open = work.get(agent);
			// made outside the timed part: the test data, not the engine
			Matcher.Contact arriving = contact(random, now);
			long t0 = System.nanoTime();
			if (!open.isEmpty()) {
				agent.release(open.poll());
			}
			Optional<Matcher.Decision> next = matcher.bestContact(agent, first(waiting, scan), now);
			long t1 = System.nanoTime();
			if (next.isPresent()) {
				take(next.get(), waiting, work);
				assigned++;
			}
			long t2 = System.nanoTime();
			Optional<Matcher.Decision> best = matcher.bestAgent(arriving, agents, now);
			long t3 = System.nanoTime();
			if (best.isPresent()) {
				take(best.get(), waiting, work);
				assigned++;
			}
			else {
				waiting.add(arriving);
			}
			long t4 = System.nanoTime();
			agentDriven[i] = t1 - t0;
			contactDriven[i] = t3 - t2;
			engine += t4 - t0;
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		print("agent-driven decision (next contact for a freed agent)", agentDriven);
		print("contact-driven decision (best agent for an arriving contact)", contactDriven);
		System.out.printf(Locale.ROOT,
				"steady state: %,d assignments; %,.0f assignments/s of engine time (decisions and queue updates),"
						+ " %,.0f/s of wall time including test-data generation (queue %,d)%n",
				assigned, assigned / (engine / 1e9), assigned / seconds, waiting.size());

		// one pass over the whole queue with every agent empty: the dispatcher's case after a start or a shift change
		for (Matcher.Agent agent : agents) {
			agent.release(Matcher.FULL);
		}
		List<Matcher.Contact> queue = new ArrayList<>(waiting);
		long t0 = System.nanoTime();
		List<Matcher.Decision> pass = matcher.assignAll(queue, agents, now);
		double passSeconds = (System.nanoTime() - t0) / 1e9;
		System.out.printf(Locale.ROOT, "full pass: %,d assignments from %,d waiting in %.3f s = %,.0f assignments/s%n",
				pass.size(), queue.size(), passSeconds, pass.size() / passSeconds);
	}

	static final Comparator<Matcher.Contact> BY_RANK = Comparator.comparingLong(Matcher.Contact::rank)
		.thenComparing(Matcher.Contact::id);

	/** The first {@code limit} contacts in queue order, without copying: what the application's query returns. */
	static Iterable<Matcher.Contact> first(TreeSet<Matcher.Contact> waiting, int limit) {
		return () -> waiting.stream().limit(limit).iterator();
	}

	static void take(Matcher.Decision d, TreeSet<Matcher.Contact> waiting,
			Map<Matcher.Agent, ArrayDeque<Integer>> work) {
		d.agent().release(-d.units());
		waiting.remove(d.contact());
		work.get(d.agent()).add(d.units());
	}

	static void print(String what, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "%s: mean %.1f µs, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n",
				what, Arrays.stream(sorted).average().orElse(0) / 1e3, at(sorted, 0.50) / 1e3, at(sorted, 0.99) / 1e3,
				at(sorted, 0.999) / 1e3, sorted[sorted.length - 1] / 1e3);
	}

	static long at(long[] sorted, double q) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
	}

	static Matcher.Agent agent(int i, Random random) {
		Map<String, Integer> skills = new HashMap<>();
		int count = 2 + random.nextInt(4);
		while (skills.size() < count) {
			skills.put(SKILLS[random.nextInt(SKILLS.length)], 1 + random.nextInt(5));
		}
		Set<String> languages = new HashSet<>();
		languages.add(random.nextInt(10) < 9 ? "nl" : "en");
		if (random.nextInt(10) < 5) {
			languages.add("en");
		}
		if (random.nextInt(20) == 0) {
			languages.add("de");
		}
		Set<String> brands = random.nextInt(4) == 0 ? Set.of(BRANDS[random.nextInt(2)]) : Set.of();
		return new Matcher.Agent("agent-" + i, skills, languages, brands, CAPACITY, 0, random.nextInt(1_000));
	}

	static Matcher.Contact contact(Random random, long enqueued) {
		Map<String, Integer> skills = new HashMap<>();
		skills.put(SKILLS[random.nextInt(SKILLS.length)], 1 + random.nextInt(4));
		if (random.nextInt(4) == 0) {
			skills.put(SKILLS[random.nextInt(SKILLS.length)], 1 + random.nextInt(3));
		}
		int l = random.nextInt(100);
		String language = l < 75 ? "nl" : l < 97 ? "en" : "de";
		long headStart = random.nextInt(4) * 120_000L;
		return new Matcher.Contact(new UUID(random.nextLong(), random.nextLong()), CHANNELS[random.nextInt(CHANNELS.length)], language,
				BRANDS[random.nextInt(2)], skills, enqueued - headStart, enqueued, null, Long.MIN_VALUE);
	}
}
