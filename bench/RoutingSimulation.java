import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import nl.baken.routing.internal.Matcher;

/**
 * A simulated day of the demo organisation (5 teams, 14 agents, the demo's 13 contact reasons with their weights),
 * routed twice with the same arrivals and handling times: by Baken's routing (requirements from the reason when the
 * phone menu, bot or contact page knew it, the customer's language always) and by plain round robin over the agents
 * with room. A contact that reaches an agent without its team's skill or language costs a minute and is transferred
 * to the right team, keeping its place. Prints transfer rate, average wait until the right agent, and service level.
 *
 * Usage: java -cp target/classes bench/RoutingSimulation.java [contacts] [seed]
 */
public class RoutingSimulation {

	record Reason(String team, int weight) {
	}

	static final List<Reason> REASONS = List.of(new Reason("orders", 20), new Reason("orders", 10),
			new Reason("orders", 5), new Reason("orders", 5), new Reason("returns", 8), new Reason("returns", 10),
			new Reason("returns", 8), new Reason("advice", 9), new Reason("advice", 5), new Reason("advice", 5),
			new Reason("payments", 6), new Reason("payments", 6), new Reason("relations", 3));

	static final String[][] AGENTS = { { "orders", "returns" }, { "orders" }, { "orders", "advice" }, { "orders" },
			{ "returns", "orders" }, { "returns" }, { "returns", "payments" }, { "advice" }, { "advice", "orders" },
			{ "advice" }, { "payments", "returns" }, { "payments" }, { "relations", "orders" }, { "relations" } };

	static final Map<String, Integer> CAPACITY = Map.of("phone", 1, "webchat", 3, "whatsapp", 3, "email", 5);

	static final Map<String, Integer> HANDLE = Map.of("phone", 300, "webchat", 480, "whatsapp", 600, "email", 900);

	static final Map<String, Integer> THRESHOLD = Map.of("phone", 20, "webchat", 60, "whatsapp", 300, "email", 3600);

	static final int MISROUTE_SECONDS = 60;

	/** Share of contacts whose reason the phone menu, bot or contact page knew before routing. */
	static final double CLASSIFIED = 0.85;

	static final class Contact {
		final UUID id = UUID.randomUUID();
		String channel;
		String team;
		String language;
		boolean classified;
		long arrival;
		double handleSeconds;
		boolean transferred;
		long answeredAt = -1;
		long rank;
	}

	record Busy(int agent, int units, long until, Contact contact, boolean misrouted) {
	}

	public static void main(String[] args) {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 700;
		long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
		System.out.printf(Locale.ROOT, "demo day: %d contacts 08:00-20:00, 14 agents in 5 teams, %.0f%% classified"
				+ " before routing, misroute costs %d s%n", count, CLASSIFIED * 100, MISROUTE_SECONDS);
		report("Baken routing", run(arrivals(count, seed), true));
		report("round robin  ", run(arrivals(count, seed), false));
	}

	static List<Contact> arrivals(int count, long seed) {
		Random random = new Random(seed);
		int total = REASONS.stream().mapToInt(Reason::weight).sum();
		List<Contact> contacts = new ArrayList<>();
		String[] channels = { "phone", "phone", "phone", "webchat", "webchat", "whatsapp", "whatsapp", "email",
				"email", "email" };
		for (int i = 0; i < count; i++) {
			Contact c = new Contact();
			// busier mornings: a triangular intraday curve with its peak at 10:30
			double u = random.nextDouble();
			double hour = u < 0.21 ? Math.sqrt(u / 0.21) * 2.5 : 12 - Math.sqrt((1 - u) / 0.79) * 9.5;
			c.arrival = (long) (hour * 3600);
			c.channel = channels[random.nextInt(channels.length)];
			int pick = random.nextInt(total);
			for (Reason r : REASONS) {
				if ((pick -= r.weight()) < 0) {
					c.team = r.team();
					break;
				}
			}
			c.language = random.nextInt(100) < 15 ? "en" : "nl";
			c.classified = random.nextDouble() < CLASSIFIED;
			c.handleSeconds = -Math.log(1 - random.nextDouble()) * HANDLE.get(c.channel);
			c.rank = c.arrival * 1000;
			contacts.add(c);
		}
		contacts.sort(Comparator.comparingLong(c -> c.arrival));
		return contacts;
	}

	static boolean fits(int agent, Contact c) {
		return Set.of(AGENTS[agent]).contains(c.team) && (c.language.equals("nl") || agent % 3 == 0);
	}

	/** One run, second by second; {@code routed}: Baken's matcher, otherwise round robin. */
	static List<Contact> run(List<Contact> arrivals, boolean routed) {
		Matcher matcher = new Matcher(new Matcher.Rules(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO));
		List<Matcher.Agent> agents = new ArrayList<>();
		for (int i = 0; i < AGENTS.length; i++) {
			Map<String, Integer> skills = new HashMap<>();
			skills.put(AGENTS[i][0], 4);
			if (AGENTS[i].length > 1) {
				skills.put(AGENTS[i][1], 2);
			}
			// every third agent also speaks English
			agents.add(new Matcher.Agent("a" + i, skills, i % 3 == 0 ? Set.of("nl", "en") : Set.of("nl"), Set.of(),
					CAPACITY, 0, 0));
		}
		List<Contact> waiting = new ArrayList<>();
		List<Busy> busy = new ArrayList<>();
		int next = 0;
		int rotation = 0;
		for (long t = 0; t < 24 * 3600 && (next < arrivals.size() || !waiting.isEmpty() || !busy.isEmpty()); t++) {
			while (next < arrivals.size() && arrivals.get(next).arrival <= t) {
				waiting.add(arrivals.get(next++));
			}
			for (Busy b : new ArrayList<>(busy)) {
				if (b.until() <= t) {
					busy.remove(b);
					agents.get(b.agent()).release(b.units());
					if (b.misrouted()) {
						// transferred to the right team: known now, and it keeps its place
						b.contact().transferred = true;
						b.contact().classified = true;
						waiting.add(b.contact());
					}
				}
			}
			waiting.sort(Comparator.comparingLong(c -> c.rank));
			if (routed) {
				Map<UUID, Contact> byId = new HashMap<>();
				List<Matcher.Contact> queue = new ArrayList<>();
				for (Contact c : waiting) {
					byId.put(c.id, c);
					queue.add(new Matcher.Contact(c.id, c.channel, c.language, null,
							c.classified ? Map.of(c.team, 2) : Map.of(), c.rank, c.arrival * 1000, null, Long.MIN_VALUE));
				}
				for (Matcher.Decision d : matcher.assignAll(queue, agents, t * 1000)) {
					Contact c = byId.get(d.contact().id());
					waiting.remove(c);
					busy.add(start(agents.indexOf(d.agent()), d.units(), c, t));
				}
			}
			else {
				for (Contact c : new ArrayList<>(waiting)) {
					for (int k = 0; k < agents.size(); k++) {
						int a = (rotation + k) % agents.size();
						Matcher.Agent agent = agents.get(a);
						int units = agent.units(c.channel);
						// after a transfer the contact goes to the right team's rotation
						if (agent.load() + units <= Matcher.FULL && (!c.transferred || fits(a, c))) {
							agent.release(-units);
							waiting.remove(c);
							busy.add(start(a, units, c, t));
							rotation = a + 1;
							break;
						}
					}
				}
			}
		}
		return arrivals;
	}

	static Busy start(int agent, int units, Contact c, long t) {
		boolean misrouted = !fits(agent, c);
		if (!misrouted) {
			c.answeredAt = t;
		}
		return new Busy(agent, units, t + (misrouted ? MISROUTE_SECONDS : (long) Math.ceil(c.handleSeconds)), c,
				misrouted);
	}

	static void report(String name, List<Contact> contacts) {
		long transferred = contacts.stream().filter(c -> c.transferred).count();
		List<Contact> answered = contacts.stream().filter(c -> c.answeredAt >= 0).toList();
		double averageWait = answered.stream().mapToLong(c -> c.answeredAt - c.arrival).average().orElse(0);
		long withinThreshold = answered.stream()
			.filter(c -> c.answeredAt - c.arrival <= THRESHOLD.get(c.channel))
			.count();
		StringBuilder perChannel = new StringBuilder();
		for (String channel : List.of("phone", "webchat", "whatsapp", "email")) {
			List<Contact> of = answered.stream().filter(c -> c.channel.equals(channel)).toList();
			double within = of.stream().filter(c -> c.answeredAt - c.arrival <= THRESHOLD.get(channel)).count();
			perChannel.append(String.format(Locale.ROOT, " %s %.0f%%", channel, 100 * within / Math.max(1, of.size())));
		}
		System.out.printf(Locale.ROOT,
				"%s: transfer rate %.1f%%, average wait %.0f s, service level %.1f%% (per channel:%s), answered %d/%d%n",
				name, 100.0 * transferred / contacts.size(), averageWait, 100.0 * withinThreshold / answered.size(),
				perChannel, answered.size(), contacts.size());
	}
}
