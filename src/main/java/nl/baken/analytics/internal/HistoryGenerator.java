package nl.baken.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import nl.baken.access.Teams;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.customer.Brands;
import nl.baken.shared.Actor;

/**
 * A realistic contact-event history from a seed: the same seed, size and start always give the same events. Contacts
 * arrive over opening hours on four channels; some start with the bot, which contains them or hands them off; calls
 * wait in the queue, are answered, abandoned or flow out to a callback; agents in five teams handle them (with
 * waiting for the customer on written channels, transfers and wrap-up); customers come back (repeat contacts, some
 * within the bot's window); contacts carry reasons, some informational; a share answers a survey; agents sign in and
 * out in two shifts. Events are handed to {@code sink} contact by contact, not in time order.
 */
public final class HistoryGenerator {

	/** Team ids of the demo organisation, each with the reasons it handles (informational ones marked). */
	public static final List<String> TEAM_IDS = List.of("orders", "returns", "advice", "payments", "relations");

	public static final List<String> BRANDS = List.of("tuinhuys", "kookgraag");

	/** Defines the teams and brands the history names, where they do not exist yet. */
	public static void defineTeamsAndBrands(Teams teams, Brands brands) {
		for (String team : TEAM_IDS) {
			if (!teams.exists(team)) {
				teams.define(team, team, team);
			}
		}
		for (String brand : BRANDS) {
			if (!brands.exists(brand)) {
				brands.define(brand, brand);
			}
		}
	}

	private record Reason(String id, String team, boolean informational, String valence) {
	}

	private static final List<Reason> REASONS = List.of(new Reason("order-status", "orders", true, "dissatisfier"),
			new Reason("delivery-delayed", "orders", false, "dissatisfier"),
			new Reason("change-delivery-address", "orders", false, "neutral"),
			new Reason("cancel-order", "orders", false, "neutral"),
			new Reason("damaged-product", "returns", false, "dissatisfier"),
			new Reason("return-request", "returns", false, "neutral"),
			new Reason("refund-status", "returns", true, "dissatisfier"),
			new Reason("product-advice", "advice", false, "satisfier"),
			new Reason("product-availability", "advice", true, "neutral"),
			new Reason("invoice-question", "payments", true, "dissatisfier"),
			new Reason("payment-failed", "payments", false, "dissatisfier"),
			new Reason("complaint", "relations", false, "dissatisfier"));

	private static final String[] CHANNELS = { "phone", "email", "webchat", "whatsapp" };

	private static final double[] CHANNEL_SHARE = { 0.40, 0.25, 0.20, 0.15 };

	/** Arrivals per hour of the day (UTC), opening 07:00–19:00 UTC. */
	private static final double[] HOURLY = { 0, 0, 0, 0, 0, 0, 0, 6, 10, 11, 10, 9, 8, 9, 9, 8, 7, 6, 5, 0, 0, 0, 0,
			0 };

	private static final Actor ROUTING = Actor.system("routing");

	private static final byte CONTACT = 0;

	private static final byte CALLBACK = 1;

	private static final byte CALLBACK_CALL = 2;

	public record Size(long contacts, int days, long seed, Instant start) {
	}

	/** What was written, for the command's report. */
	public record Totals(long contacts, long events, int agents, long customers) {
	}

	private final Size size;

	private final Random random;

	private final Consumer<ContactEvent> sink;

	private final List<List<String>> agentsByTeam = new ArrayList<>();

	/** Customers who may contact on a given day: about this many days of contacts. */
	private static final double ACTIVE_DAYS = 150;

	/** New customers per contact and day: the pool moves on through the history, so it grows with it. */
	private static final double NEW_PER_CONTACT = 0.5;

	private final long activeCustomers;

	private final double newCustomersPerDay;

	private final long customers;

	private final double[] hourCumulative = new double[24];

	private long events;

	private long contacts;

	public HistoryGenerator(Size size, Consumer<ContactEvent> sink) {
		if (size.contacts() < 1 || size.days() < 1) {
			throw new IllegalArgumentException("at least one contact and one day");
		}
		this.size = size;
		this.random = new Random(size.seed());
		this.sink = sink;
		double perDay = (double) size.contacts() / size.days();
		// a customer pool of 0.4 per contact made chance repeats within a week common (a 48 % repeat rate); a pool
		// of ~150 days of contacts keeps chance repeats near 5 % and leaves the generator's deliberate repeats
		this.activeCustomers = Math.max(1, Math.round(perDay * ACTIVE_DAYS));
		this.newCustomersPerDay = perDay * NEW_PER_CONTACT;
		this.customers = activeCustomers + (long) (newCustomersPerDay * (size.days() - 1));
		// enough agents for about 75 % occupancy on 7.5 hours of mean 5-minute handling each
		int agents = (int) Math.max(TEAM_IDS.size() * 2, Math.ceil(perDay * 300 / (0.75 * 7.5 * 3600)));
		for (int t = 0; t < TEAM_IDS.size(); t++) {
			agentsByTeam.add(new ArrayList<>());
		}
		for (int a = 0; a < agents; a++) {
			agentsByTeam.get(a % TEAM_IDS.size()).add(String.format("gen.agent%04d", a + 1));
		}
		double total = 0;
		for (int h = 0; h < 24; h++) {
			total += HOURLY[h];
			hourCumulative[h] = total;
		}
		for (int h = 0; h < 24; h++) {
			hourCumulative[h] /= total;
		}
	}

	public Totals run() {
		for (int day = 0; day < size.days(); day++) {
			presence(size.start().plus(Duration.ofDays(day)));
		}
		while (contacts < size.contacts()) {
			int day = random.nextInt(size.days());
			Instant at = arrival(day);
			UUID customer = customer(day);
			contact(customer, at, 0);
		}
		return new Totals(contacts, events, agentsByTeam.stream().mapToInt(List::size).sum(), customers);
	}

	private Instant arrival(int day) {
		double u = random.nextDouble();
		int hour = 0;
		while (hourCumulative[hour] < u) {
			hour++;
		}
		return size.start()
			.plus(Duration.ofDays(day))
			.plus(Duration.ofHours(hour))
			.plusMillis((long) (random.nextDouble() * 3_600_000));
	}

	/** One of the customers active on that day. */
	private UUID customer(int day) {
		long n = (long) (day * newCustomersPerDay) + (long) (random.nextDouble() * activeCustomers);
		// 28 bits of the seed, so that histories of different seeds share no customer (below 4096 as before)
		long seedBits = (size.seed() >>> 12 & 0xffff) << 16 | size.seed() & 0xfff;
		return new UUID(0x6a656e00_0000_7000L | seedBits, 0x8000_0000_0000_0000L | n);
	}

	/** Two shifts, 07:00–15:00 and 11:00–19:00 UTC, with half an hour away for lunch. */
	private void presence(Instant day) {
		for (int t = 0; t < TEAM_IDS.size(); t++) {
			List<String> agents = agentsByTeam.get(t);
			for (int a = 0; a < agents.size(); a++) {
				Instant start = day.plus(Duration.ofHours(a % 2 == 0 ? 7 : 11)).plusSeconds(random.nextInt(600));
				Instant lunch = start.plus(Duration.ofHours(4)).plusSeconds(random.nextInt(1800));
				presence(agents.get(a), TEAM_IDS.get(t), start, "offline", "available");
				presence(agents.get(a), TEAM_IDS.get(t), lunch, "available", "away");
				presence(agents.get(a), TEAM_IDS.get(t), lunch.plus(Duration.ofMinutes(30)), "away", "available");
				presence(agents.get(a), TEAM_IDS.get(t), start.plus(Duration.ofHours(8)), "available", "offline");
			}
		}
	}

	private void presence(String agent, String team, Instant at, String from, String to) {
		emit(new ContactEvent(0, null, at, null, null, null, ContactEventType.PRESENCE_CHANGED, Actor.agent(agent),
				null, team, null, Map.of("from", from, "to", to)));
	}

	private double exponential(double mean) {
		return -mean * Math.log(1 - random.nextDouble());
	}

	private String channel() {
		double u = random.nextDouble();
		for (int i = 0; i < CHANNELS.length; i++) {
			u -= CHANNEL_SHARE[i];
			if (u < 0) {
				return CHANNELS[i];
			}
		}
		return CHANNELS[0];
	}

	/** One contact and, sometimes, the customer's repeat of it. */
	private void contact(UUID customer, Instant offered, int generation) {
		if (contacts >= size.contacts()) {
			return;
		}
		contacts++;
		Contact c = new Contact(id(CONTACT, contacts), customer, channel(),
				BRANDS.get(random.nextInt(BRANDS.size())), REASONS.get(random.nextInt(REASONS.size())));
		Instant at = offered;
		c.add(at, ContactEventType.OFFERED, Actor.customer(customer.toString()), null, null, Map.of());
		c.add(at, ContactEventType.MESSAGE_RECEIVED, Actor.customer(customer.toString()), null, null, Map.of());
		boolean written = !c.channel.equals("phone");
		if (written && !c.channel.equals("email") && random.nextDouble() < 0.35) {
			// starts with the bot
			at = at.plusSeconds(2);
			c.add(at, ContactEventType.MESSAGE_SENT, Actor.bot(), null, null, Map.of());
			if (random.nextDouble() < 0.55) {
				c.add(at, ContactEventType.BOT_ANSWERED, Actor.bot(), null, null, Map.of("intent", c.reason.id()));
				c.add(at.plusSeconds(30 + random.nextInt(240)), ContactEventType.RESOLVED, Actor.bot(), null, null,
						resolved(c.reason));
				// a wrong confident answer: the customer is back within hours
				if (random.nextDouble() < 0.12) {
					contact(customer, at.plusSeconds(600 + random.nextInt(6 * 3600)), generation + 1);
				}
				return;
			}
			c.add(at.plusSeconds(20), ContactEventType.BOT_HANDOFF, Actor.bot(), null, null,
					Map.of("reason", random.nextBoolean() ? "dont_know" : "asked_for_person"));
			at = at.plusSeconds(20);
		}
		String team = c.reason.team();
		c.add(at, ContactEventType.QUEUED, ROUTING, team, team, Map.of());
		Instant queued = at;
		double meanWait = c.channel.equals("email") ? 2 * 3600 : 45;
		Instant answered = queued.plusMillis((long) (exponential(meanWait) * 1000));
		if (!c.channel.equals("email")) {
			double u = random.nextDouble();
			if (u < 0.07) {
				c.add(queued.plusMillis((long) (exponential(35) * 1000)), ContactEventType.ABANDONED,
						Actor.customer(customer.toString()), team, team, Map.of());
				return;
			}
			if (c.channel.equals("phone") && u < 0.10) {
				callback(c, team, queued.plusSeconds(30 + random.nextInt(120)));
				return;
			}
		}
		String agent = agent(team);
		handle(c, team, agent, answered, false);
		if (random.nextDouble() < 0.08) {
			// transferred to the team that handles it after all
			String other = TEAM_IDS.get(random.nextInt(TEAM_IDS.size()));
			Instant transferAt = c.last.plusSeconds(5);
			c.add(transferAt, ContactEventType.TRANSFERRED, Actor.agent(agent), other, team,
					Map.of("level", "team", "fromTeam", team, "toTeam", other, "reason", "other team"));
			c.add(transferAt, ContactEventType.QUEUED, ROUTING, other, other, Map.of("after", "transfer"));
			team = other;
			agent = agent(other);
			handle(c, team, agent, transferAt.plusMillis((long) (exponential(meanWait) * 1000)), true);
		}
		Instant resolvedAt = c.last.plusSeconds(5);
		c.add(resolvedAt, ContactEventType.RESOLVED, Actor.agent(agent), team, team, resolved(c.reason));
		c.add(resolvedAt.plusMillis((long) (exponential(30) * 1000)), ContactEventType.WRAP_UP_ENDED,
				Actor.agent(agent), team, team, Map.of());
		if (random.nextDouble() < 0.2) {
			c.add(resolvedAt.plusSeconds(60 + random.nextInt(3600)), ContactEventType.SURVEY_ANSWERED,
					Actor.customer(customer.toString()), team, null,
					Map.of("csat", 1 + random.nextInt(5), "ces", 1 + random.nextInt(7)));
		}
		double repeat = c.reason.informational() ? 0.18 : 0.10;
		if (generation < 3 && random.nextDouble() < repeat) {
			contact(customer, resolvedAt.plusSeconds(3600 + random.nextInt(6 * 24 * 3600)), generation + 1);
		}
	}

	private void handle(Contact c, String team, String agent, Instant assignedAt, boolean again) {
		c.add(assignedAt, ContactEventType.ASSIGNED, ROUTING, team, team, Map.of("agent", agent));
		if (c.channel.equals("phone")) {
			Instant answer = assignedAt.plusSeconds(3 + random.nextInt(8));
			if (!again) {
				c.add(answer, ContactEventType.FIRST_AGENT_RESPONSE, Actor.agent(agent), team, team, Map.of());
			}
			c.last = answer.plusMillis((long) (exponential(300) * 1000));
			return;
		}
		Instant reply = assignedAt.plusMillis((long) (exponential(150) * 1000));
		if (!again) {
			c.add(reply, ContactEventType.FIRST_AGENT_RESPONSE, Actor.agent(agent), team, team, Map.of());
		}
		c.add(reply, ContactEventType.MESSAGE_SENT, Actor.agent(agent), team, null, Map.of());
		if (random.nextDouble() < 0.4) {
			double meanBack = c.channel.equals("email") ? 6 * 3600 : 90;
			Instant back = reply.plusMillis((long) (exponential(meanBack) * 1000));
			c.add(back, ContactEventType.MESSAGE_RECEIVED, Actor.customer(c.customer.toString()), team, null,
					Map.of());
			Instant second = back.plusMillis((long) (exponential(90) * 1000));
			c.add(second, ContactEventType.MESSAGE_SENT, Actor.agent(agent), team, null, Map.of());
		}
	}

	/** The caller leaves the queue for a callback in a slot; most are called within it. */
	private void callback(Contact c, String team, Instant at) {
		String id = id(CALLBACK, contacts).toString();
		Instant from = at.plus(Duration.ofMinutes(30 + random.nextInt(4) * 30L));
		Instant to = from.plus(Duration.ofMinutes(30));
		c.add(at, ContactEventType.CALLBACK_REQUESTED, Actor.customer(c.customer.toString()), team, team,
				Map.of("callbackId", id, "kind", "scheduled", "origin", "ivr", "promisedFrom", from.toString(),
						"promisedTo", to.toString()));
		c.add(at, ContactEventType.CALLBACK_SCHEDULED, Actor.customer(c.customer.toString()), team, team,
				Map.of("callbackId", id, "promisedFrom", from.toString(), "promisedTo", to.toString()));
		c.add(at, ContactEventType.RESOLVED, ROUTING, team, team, resolved(c.reason));
		String agent = agent(team);
		// 88 % within the slot, the rest up to half an hour late
		Instant attempt = random.nextDouble() < 0.88 ? from.plusSeconds(random.nextInt(1800))
				: to.plusSeconds(1 + random.nextInt(1800));
		Contact work = new Contact(id(CALLBACK_CALL, contacts), c.customer, "phone",
				c.brand, c.reason);
		work.add(attempt, ContactEventType.CALLBACK_ATTEMPTED, Actor.agent(agent), team, team,
				Map.of("callbackId", id, "attempt", 1, "outcome", "connected"));
		work.add(attempt, ContactEventType.CALLBACK_CONNECTED, Actor.agent(agent), team, team,
				Map.of("callbackId", id, "attempt", 1, "promise", attempt.isAfter(to) ? "broken" : "kept"));
	}

	private String agent(String team) {
		List<String> agents = agentsByTeam.get(TEAM_IDS.indexOf(team));
		return agents.get(random.nextInt(agents.size()));
	}

	private static Map<String, Object> resolved(Reason reason) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("reason", reason.id());
		attributes.put("informational", reason.informational());
		attributes.put("valence", reason.valence());
		return attributes;
	}

	/**
	 * The n-th id of a kind for this seed. The kind is part of the name, so that no seed's callbacks share ids with
	 * another seed's contacts (histories of neighbouring seeds can then share one database).
	 */
	private UUID id(byte kind, long n) {
		byte[] bytes = new byte[17];
		for (int i = 0; i < 8; i++) {
			bytes[i] = (byte) (size.seed() >>> (8 * i));
			bytes[8 + i] = (byte) (n >>> (8 * i));
		}
		bytes[16] = kind;
		return UUID.nameUUIDFromBytes(bytes);
	}

	private void emit(ContactEvent event) {
		events++;
		sink.accept(event);
	}

	private final class Contact {

		final UUID id;

		final UUID customer;

		final String channel;

		final String brand;

		final Reason reason;

		Instant last;

		Contact(UUID id, UUID customer, String channel, String brand, Reason reason) {
			this.id = id;
			this.customer = customer;
			this.channel = channel;
			this.brand = brand;
			this.reason = reason;
		}

		void add(Instant at, ContactEventType type, Actor actor, String team, String queue,
				Map<String, Object> attributes) {
			last = last == null || at.isAfter(last) ? at : last;
			emit(new ContactEvent(0, null, at, id, customer, channel, type, actor, brand, team, queue, attributes));
		}
	}
}
