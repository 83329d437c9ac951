package nl.baken.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;

/**
 * One small contact-event log for the agent-time, bot and callback KPIs, with every expected figure worked out by
 * hand below. The same log is computed in memory (KpiCalculator) and after writing it to H2 and PostgreSQL.
 * Times are on {@link #DAY}; the period is 09:00–11:00.
 */
public final class HandMadeLog {

	public static final Instant DAY = Instant.parse("2020-03-02T00:00:00Z");

	public static final Instant FROM = at("09:00:00");

	public static final Instant TO = at("11:00:00");

	// handle time: A (phone) 300 s talk + 40 s wrap-up = 340 s; B (e-mail) held 09:10–10:30 = 4800 s minus
	// waiting for the customer 09:15–10:15 and 10:20–10:30 (4200 s) = 600 s; C (chat) 120 s with anna, transferred,
	// 300 s with bert = 420 s. D is not resolved. Mean (340 + 600 + 420) / 3 = 453.33 s; with the wait 1853.33 s.
	public static final double HANDLE_TIME = (340 + 600 + 420) / 3.0;

	public static final double HANDLE_TIME_WITH_WAIT = (340 + 4800 + 420) / 3.0;

	// occupancy: anna available 09:00–10:00 (from 08:30, away at 10:00) = 3600 s, busy with A 09:00:20–09:06:00 and C
	// 09:00–09:02, together 09:00–09:06 = 360 s. bert available 09:05–11:00 = 6900 s, busy with C 09:03–09:08 (from
	// 09:05: 180 s) and B 09:10–09:15, 10:15–10:20 (600 s) = 780 s. carl has no presence: not counted.
	// (360 + 780) / (3600 + 6900) = 10.857 %
	public static final double OCCUPANCY = 100.0 * (360 + 780) / (3600 + 6900);

	// bot: contained (X), falsely contained (Y: answered, new contact 10 h later), handed off by a hand-off event (Z)
	// and by an assignment (W), still open (V, not counted), contained with a new contact 30 h later (U: answered,
	// false within W = 48 h only), and closed without an answer with a new contact 4 h later (T: neither contained nor
	// false). Containment 2/6, false 1/6; with W = 48 h 1/6 and 2/6.
	public static final double CONTAINMENT = 100.0 * 2 / 6;

	public static final double FALSE_CONTAINMENT = 100.0 * 1 / 6;

	// callbacks (window 10:00–10:30): cb1 connected at 10:05 (kept), cb2 at 10:45 (broken), cb3 never attempted
	// (broken once the window passed), cb4 linked (no promise), cb5 requested before the period, cb6 not answered at
	// 10:10 and connected at 10:40 (broken: connected after the window), cb7 not answered at 10:10 and connected at
	// 10:25 (kept), cb8 cancelled at 10:15 (no promise), cb9 not answered three times and ended at 10:20 (broken: never
	// connected). 2 of 6.
	public static final double CALLBACKS_KEPT = 100.0 * 2 / 6;

	private final List<ContactEvent> events = new ArrayList<>();

	private final String brand;

	private final String team;

	private final String prefix;

	private long seq;

	/** @param prefix makes the agent ids unique to one run against a shared database */
	public HandMadeLog(String brand, String team, String prefix) {
		this.brand = brand;
		this.team = team;
		this.prefix = prefix;
		build();
	}

	public List<ContactEvent> events() {
		return events;
	}

	public static Instant at(String time) {
		return DAY.plus(Duration.between(Instant.parse("2020-01-01T00:00:00Z"),
				Instant.parse("2020-01-01T" + time + "Z")));
	}

	private String agent(String name) {
		return prefix + name;
	}

	private void build() {
		presence("anna", "08:30:00", "offline", "available");
		presence("anna", "10:00:00", "available", "away");
		presence("bert", "09:05:00", "offline", "available");

		Contact a = contact("phone", "09:00:00", UUID.randomUUID());
		a.add(ContactEventType.ASSIGNED, "09:00:10", system(), Map.of("agent", agent("anna")));
		a.add(ContactEventType.FIRST_AGENT_RESPONSE, "09:00:20", agentActor("anna"), Map.of());
		a.add(ContactEventType.RESOLVED, "09:05:20", agentActor("anna"), resolved("delivery"));
		a.add(ContactEventType.WRAP_UP_ENDED, "09:06:00", agentActor("anna"), Map.of());

		Contact b = contact("email", "09:00:00", UUID.randomUUID());
		b.add(ContactEventType.ASSIGNED, "09:10:00", system(), Map.of("agent", agent("bert")));
		b.add(ContactEventType.FIRST_AGENT_RESPONSE, "09:15:00", agentActor("bert"), Map.of());
		b.add(ContactEventType.MESSAGE_SENT, "09:15:00", agentActor("bert"), Map.of());
		b.add(ContactEventType.MESSAGE_RECEIVED, "10:15:00", Actor.customer(null), Map.of());
		b.add(ContactEventType.MESSAGE_SENT, "10:20:00", agentActor("bert"), Map.of());
		b.add(ContactEventType.RESOLVED, "10:30:00", agentActor("bert"), resolved("delivery"));

		Contact c = contact("webchat", "09:00:00", UUID.randomUUID());
		c.add(ContactEventType.ASSIGNED, "09:00:00", system(), Map.of("agent", agent("anna")));
		c.add(ContactEventType.TRANSFERRED, "09:02:00", agentActor("anna"), Map.of("level", "team"));
		c.add(ContactEventType.QUEUED, "09:02:00", system(), Map.of("after", "transfer"));
		c.add(ContactEventType.ASSIGNED, "09:03:00", system(), Map.of("agent", agent("bert")));
		c.add(ContactEventType.RESOLVED, "09:08:00", agentActor("bert"), resolved("returns"));

		Contact d = contact("webchat", "09:30:00", UUID.randomUUID());
		d.add(ContactEventType.ASSIGNED, "09:31:00", system(), Map.of("agent", agent("carl")));

		UUID x = UUID.randomUUID();
		UUID y = UUID.randomUUID();
		UUID u = UUID.randomUUID();
		botContact("09:10:00", x).add(ContactEventType.RESOLVED, "09:20:00", Actor.bot(), resolved("opening-hours"));
		botContact("09:10:00", y).add(ContactEventType.BOT_ANSWERED, "09:11:00", Actor.bot(), Map.of())
			.add(ContactEventType.RESOLVED, "10:00:00", Actor.bot(), resolved("opening-hours"));
		contact("email", "20:00:00", y);
		Contact z = botContact("09:40:00", UUID.randomUUID());
		z.add(ContactEventType.BOT_HANDOFF, "09:41:00", Actor.bot(), Map.of("reason", "dont_know"));
		z.add(ContactEventType.ASSIGNED, "09:42:00", system(), Map.of("agent", agent("carl")));
		Contact w = botContact("09:50:00", UUID.randomUUID());
		w.add(ContactEventType.ASSIGNED, "09:52:00", system(), Map.of("agent", agent("carl")));
		botContact("10:30:00", UUID.randomUUID());
		botContact("10:40:00", u).add(ContactEventType.BOT_ANSWERED, "10:41:00", Actor.bot(), Map.of())
			.add(ContactEventType.RESOLVED, "10:45:00", Actor.bot(), resolved("opening-hours"));
		UUID t = UUID.randomUUID();
		botContact("10:50:00", t).add(ContactEventType.BOT_CONTAINED, "10:55:00", Actor.bot(), Map.of());
		Contact afterT = new Contact(UUID.randomUUID(), t, "phone");
		afterT.add(ContactEventType.OFFERED, "14:55:00", Actor.customer(null), Map.of());
		Contact later = new Contact(UUID.randomUUID(), u, "phone");
		later.add(ContactEventType.OFFERED, DAY.plus(Duration.ofHours(10 + 30).plusMinutes(45)), Actor.customer(null),
				Map.of());

		callback("09:00:00", "10:00:00", "10:30:00", false, "10:05:00 connected");
		callback("09:00:00", "10:00:00", "10:30:00", false, "10:45:00 connected");
		callback("09:00:00", "10:00:00", "10:30:00", false);
		callback("09:00:00", "10:00:00", "10:30:00", true);
		callback("08:00:00", "10:00:00", "10:30:00", false, "10:50:00 connected");
		callback("09:30:00", "10:00:00", "10:30:00", false, "10:10:00 no_answer", "10:40:00 connected");
		callback("09:30:00", "10:00:00", "10:30:00", false, "10:10:00 no_answer", "10:25:00 connected");
		ended(callback("09:30:00", "10:00:00", "10:30:00", false), "10:15:00", "cancelled");
		ended(callback("09:30:00", "10:00:00", "10:30:00", false, "10:00:00 no_answer", "10:10:00 no_answer",
				"10:20:00 no_answer"), "10:20:00", "no_answer");
	}

	private static Actor system() {
		return Actor.system("routing");
	}

	private Actor agentActor(String name) {
		return Actor.agent(agent(name));
	}

	private static Map<String, Object> resolved(String reason) {
		return Map.of("reason", reason, "informational", false, "valence", "dissatisfier");
	}

	private void presence(String name, String time, String from, String to) {
		add(at(time), null, null, null, ContactEventType.PRESENCE_CHANGED, agentActor(name), null, team, null,
				Map.of("from", from, "to", to));
	}

	private Contact contact(String channel, String time, UUID customer) {
		Contact contact = new Contact(UUID.randomUUID(), customer, channel);
		contact.add(ContactEventType.OFFERED, time, Actor.customer(null), Map.of());
		contact.add(ContactEventType.QUEUED, time, system(), Map.of());
		return contact;
	}

	private Contact botContact(String time, UUID customer) {
		Contact contact = new Contact(UUID.randomUUID(), customer, "webchat");
		contact.add(ContactEventType.OFFERED, time, Actor.customer(null), Map.of());
		contact.add(ContactEventType.MESSAGE_RECEIVED, time, Actor.customer(null), Map.of());
		contact.add(ContactEventType.MESSAGE_SENT, time, Actor.bot(), Map.of());
		return contact;
	}

	/** @param attempts each as "time outcome", e.g. "10:10:00 no_answer"; the work's conversation comes with them */
	private String callback(String requested, String from, String to, boolean linked, String... attempts) {
		String id = UUID.randomUUID().toString();
		UUID customer = UUID.randomUUID();
		Map<String, Object> request = linked
				? Map.of("callbackId", id, "kind", "scheduled", "promisedFrom", at(from).toString(), "promisedTo",
						at(to).toString(), "linkedTo", UUID.randomUUID().toString())
				: Map.of("callbackId", id, "kind", "scheduled", "promisedFrom", at(from).toString(), "promisedTo",
						at(to).toString());
		add(at(requested), null, customer, "phone", ContactEventType.CALLBACK_REQUESTED, Actor.customer(null), brand,
				null, null, request);
		UUID work = UUID.randomUUID();
		for (int i = 0; i < attempts.length; i++) {
			String[] attempt = attempts[i].split(" ");
			add(at(attempt[0]), work, customer, "phone", ContactEventType.CALLBACK_ATTEMPTED, agentActor("anna"),
					brand, team, "callbacks", Map.of("callbackId", id, "attempt", i + 1, "outcome", attempt[1]));
		}
		return id;
	}

	private void ended(String callbackId, String time, String outcome) {
		add(at(time), null, null, "phone", ContactEventType.CALLBACK_ENDED, Actor.system("routing"), brand, team,
				"callbacks", Map.of("callbackId", callbackId, "outcome", outcome));
	}

	private void add(Instant at, UUID conversation, UUID customer, String channel, ContactEventType type, Actor actor,
			String brandId, String teamId, String queue, Map<String, Object> attributes) {
		events.add(new ContactEvent(++seq, UUID.randomUUID(), at, conversation, customer, channel, type, actor, brandId,
				teamId, queue, attributes));
	}

	private final class Contact {

		final UUID id;

		final UUID customer;

		final String channel;

		Contact(UUID id, UUID customer, String channel) {
			this.id = id;
			this.customer = customer;
			this.channel = channel;
		}

		Contact add(ContactEventType type, String time, Actor actor, Map<String, Object> attributes) {
			return add(type, at(time), actor, attributes);
		}

		Contact add(ContactEventType type, Instant at, Actor actor, Map<String, Object> attributes) {
			HandMadeLog.this.add(at, id, customer, channel, type, actor, brand, team, "service", attributes);
			return this;
		}
	}
}
