package nl.baken.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import nl.baken.access.Users;
import nl.baken.channel.Outbox;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.FirstResponder;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.conversation.Surveys;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.demo.DemoOrganisation.Agent;
import nl.baken.demo.DemoOrganisation.Brand;
import nl.baken.demo.DemoOrganisation.Product;
import nl.baken.demo.DemoOrganisation.Reason;
import nl.baken.demo.DemoTexts.Wording;
import nl.baken.routing.Presence;
import nl.baken.routing.Routing;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The part of the demo's sixty days that the seeder's conversations lack, so every KPI has something to count: bot
 * conversations on web chat and WhatsApp (about half contained, some customers coming back within a day, the rest
 * handed to an agent), callbacks booked on the contact page and called within or after their promised window, and
 * the agents' presence. It writes through the same APIs and event types as the live product: the bot's conversations
 * go through {@link Conversations} (this class is their first responder while it replays them), the callbacks'
 * facts are the events {@code routing.Callbacks} writes (its own table holds only today's work), and presence changes
 * go through {@link Routing#recordPresence}. A small shop's agents sign in for the queue when there is work and do
 * back-office work (away) in between, so occupancy shows what a team lead expects rather than an empty day. Runs
 * after the demo seeder, once: only when the demo's agents exist and the log has no presence, bot containment or
 * callback yet.
 */
@Component
@Order(7)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoHistory implements ApplicationRunner, FirstResponder {

	private static final long SEED = 20_260_102L;

	private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

	private static final Duration HISTORY = Duration.ofDays(60);

	/** Provider message ids of replayed bot conversations: only those go to the bot, and only during the replay. */
	private static final String BOT_MESSAGE = "demo-bot-";

	private static final int BOT_SESSIONS = 150;

	private static final double CONTAINED = 0.62;

	/** Of the contained sessions: the customer contacts the shop again within a day after all. */
	private static final double COMES_BACK = 0.13;

	private static final int CALLBACKS = 45;

	private static final double CALLBACK_LATE = 0.12;

	/** Questions the bot answers from an article or settles with a guided flow. */
	private static final List<String> BOT_ANSWERS = List.of("order-status", "order-status", "refund-status",
			"product-availability", "invoice-question", "return-request", "change-delivery-address", "cancel-order");

	/** What customers ask the bot that it hands to a person, and why. */
	private static final List<String> BOT_HANDS_OFF = List.of("damaged-product", "return-request",
			"change-delivery-address", "delivery-delayed", "cancel-order", "warranty-claim", "payment-failed",
			"product-advice", "product-availability", "order-status");

	private static final List<String> CALLBACK_REASONS = List.of("delivery-delayed", "damaged-product",
			"payment-failed", "warranty-claim", "complaint", "return-request", "product-advice");

	// the bot's opening hours are the customers' waking hours
	private static final double[] BOT_HOUR_WEIGHT = { 0, 0, 0, 0, 0, 0, 0, 0.3, 0.8, 1.3, 1.4, 1.3, 1.1, 1.1, 1.0,
			1.0, 0.9, 0.8, 0.8, 1.0, 1.2, 1.1, 0.7, 0.3 };

	private static final List<String> FIRST_NAMES = List.of("Ruben", "Maaike", "Koen", "Esther", "Niels", "Lotte",
			"Sven", "Manon", "Jesse", "Kim", "Olivia", "George", "Nina", "Samir", "Linda", "Arjen");

	private static final List<String> LAST_NAMES = List.of("Willems", "van Wijk", "Prins", "Huisman", "Kuipers",
			"Vermeulen", "Blom", "de Lange", "Hermans", "Schouten", "Walker", "Harris", "Yilmaz", "Bosman");

	private final Conversations conversations;

	private final ContactEvents events;

	private final Customers customers;

	private final Routing routing;

	private final Users users;

	private final Outbox outbox;

	private final Surveys surveys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/** Set only on the thread that replays the bot conversations, so no live message is ever taken here. */
	private final ThreadLocal<Boolean> replaying = ThreadLocal.withInitial(() -> false);

	private final Set<String> emails = new HashSet<>();

	private final Set<String> mobiles = new HashSet<>();

	DemoHistory(Conversations conversations, ContactEvents events, Customers customers, Routing routing, Users users,
			Outbox outbox, Surveys surveys, TransactionTemplate transactions, Clock clock) {
		this.conversations = conversations;
		this.events = events;
		this.customers = customers;
		this.routing = routing;
		this.users = users;
		this.outbox = outbox;
		this.surveys = surveys;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public boolean takes(InboundMessage first) {
		return replaying.get() && first.providerMessageId() != null
				&& first.providerMessageId().startsWith(BOT_MESSAGE);
	}

	@Override
	public void run(ApplicationArguments args) {
		Instant now = clock.instant();
		if (users.find(DemoOrganisation.AGENTS.getFirst().id()).isEmpty() || !events
			.between(now.minus(HISTORY).minus(Duration.ofDays(1)), now.plusSeconds(1),
					List.of(ContactEventType.PRESENCE_CHANGED, ContactEventType.BOT_CONTAINED,
							ContactEventType.CALLBACK_REQUESTED))
			.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		Added added = seed(now);
		log.info("Added the demo's history in {} ms: {} bot conversations ({} ms), {} callbacks ({} ms), {} presence "
				+ "changes ({} ms)", (System.nanoTime() - started) / 1_000_000, added.botSessions(), added.botMillis(),
				added.callbacks(), added.callbackMillis(), added.presence(), added.presenceMillis());
	}

	record Added(int botSessions, long botMillis, int callbacks, long callbackMillis, int presence,
			long presenceMillis) {
	}

	/**
	 * Each part in a transaction of its own (the presence one per agent), so the live application's schedulers, which
	 * already run, never wait long for a row this holds.
	 */
	private Added seed(Instant now) {
		Random random = new Random(SEED);
		long started = System.nanoTime();
		int sessions = transactions.execute(status -> {
			int count = 0;
			replaying.set(true);
			try {
				for (int i = 0; i < BOT_SESSIONS; i++) {
					count += botSession(i, random, now) ? 1 : 0;
				}
			}
			finally {
				replaying.remove();
			}
			return count;
		});
		long bots = System.nanoTime();
		int callbacks = transactions.execute(status -> {
			int count = 0;
			for (int i = 0; i < CALLBACKS; i++) {
				count += callback(i, random, now) ? 1 : 0;
			}
			return count;
		});
		long calls = System.nanoTime();
		int changes = presence(random, now);
		return new Added(sessions, (bots - started) / 1_000_000, callbacks, (calls - bots) / 1_000_000, changes,
				(System.nanoTime() - calls) / 1_000_000);
	}

	// ---- customers

	record Customer(String name, String language, String brand, String email, String mobile, String visitor) {
	}

	private Customer customer(Random random) {
		boolean dutch = random.nextDouble() < 0.7;
		String first = pick(random, FIRST_NAMES);
		String last = pick(random, LAST_NAMES);
		String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
		String email;
		do {
			// the seeder's addresses never have a dot before the number, so no demo customer is merged by accident
			email = local + "." + (100 + random.nextInt(900)) + "@example.org";
		}
		while (!emails.add(email));
		String mobile;
		do {
			mobile = "068" + "%07d".formatted(random.nextInt(10_000_000));
		}
		while (!mobiles.add(mobile));
		return new Customer(first + " " + last, dutch ? "nl" : "en", random.nextDouble() < 0.6 ? "tuinhuys" : "kookgraag",
				email, mobile, "wv-h%011x".formatted(random.nextLong() & 0xfff_ffff_ffffL));
	}

	private static Map<String, String> details(Random random, Customer customer, Instant at) {
		Brand brand = DemoOrganisation.BRANDS.stream().filter(b -> b.id().equals(customer.brand())).findFirst()
			.orElseThrow();
		Product product = pick(random, brand.products());
		boolean dutch = customer.language().equals("nl");
		Map<String, String> details = new HashMap<>();
		details.put("name", customer.name().substring(0, customer.name().indexOf(' ')));
		details.put("order", brand.orderPrefix() + "-" + (200_000 + random.nextInt(800_000)));
		details.put("product", dutch ? product.nl() : product.en());
		details.put("orderDate", DateTimeFormatter
			.ofPattern(dutch ? "d MMMM" : "MMMM d", dutch ? Locale.of("nl", "NL") : Locale.UK)
			.format(at.minus(Duration.ofDays(2 + random.nextInt(9))).atZone(DemoPlanner.ZONE)));
		details.put("days", String.valueOf(3 + random.nextInt(9)));
		details.put("months", String.valueOf(3 + random.nextInt(18)));
		details.put("amount", String.format(dutch ? Locale.of("nl", "NL") : Locale.UK, "%,.2f",
				product.priceCents() / 100.0));
		details.put("invoice", "F" + (20_000_000 + random.nextInt(9_999_999)));
		String postcode = (1000 + random.nextInt(9000)) + " " + (char) ('A' + random.nextInt(26))
				+ (char) ('A' + random.nextInt(26));
		details.put("postcode", postcode);
		details.put("street", "Lindelaan " + (1 + random.nextInt(150)) + ", " + postcode + " Utrecht");
		return details;
	}

	private static String fill(String template, Map<String, String> details, String agent) {
		String text = template;
		for (Map.Entry<String, String> detail : details.entrySet()) {
			text = text.replace("{" + detail.getKey() + "}", detail.getValue());
		}
		return agent == null ? text : text.replace("{agent}", DemoOrganisation.AGENTS.stream()
			.filter(a -> a.id().equals(agent))
			.findFirst()
			.orElseThrow()
			.firstName());
	}

	// ---- bot conversations

	private enum BotEnd {
		CONTAINED, COMES_BACK, HANDED_OFF
	}

	/** One bot conversation; false when it would not have ended before now. */
	private boolean botSession(int n, Random random, Instant now) {
		Customer customer = customer(random);
		double draw = random.nextDouble();
		BotEnd end = draw < CONTAINED * (1 - COMES_BACK) ? BotEnd.CONTAINED
				: draw < CONTAINED ? BotEnd.COMES_BACK : BotEnd.HANDED_OFF;
		Reason reason = DemoOrganisation.reason(pick(random, end == BotEnd.HANDED_OFF ? BOT_HANDS_OFF : BOT_ANSWERS));
		Instant t = pastMoment(random, now, BOT_HOUR_WEIGHT);
		// the web chat offers a person only while the service is staffed; WhatsApp waits for the morning
		boolean staffed = DemoPlanner.staffed(t, random).equals(t);
		boolean whatsapp = random.nextDouble() < 0.5 || (end == BotEnd.HANDED_OFF && !staffed);
		String channel = whatsapp ? "whatsapp" : "webchat";
		Map<String, String> details = details(random, customer, t);
		String language = customer.language();
		boolean dutch = language.equals("nl");
		Wording wording = DemoTexts.SCRIPTS.get(reason.id()).in(language);
		// a chat visitor who leaves an address, and a WhatsApp number the shop knows from the order
		List<Identity> identities = List.of(
				whatsapp ? Identity.whatsapp("31" + customer.mobile().substring(1))
						: Identity.webVisitor(customer.visitor()),
				Identity.email(customer.email()));
		IdentityClaim claim = new IdentityClaim(identities, whatsapp ? customer.name() : null, customer.brand(), t);
		InboundMessage first = new InboundMessage(channel, BOT_MESSAGE + n + "-0", claim, customer.brand(), language,
				null, fill(pick(random, wording.openers()), details, null), null, List.of(), t, t);
		InboundReceipt receipt = conversations.receive(first);
		ConversationId id = new ConversationId(receipt.conversationId());
		Map<String, Object> intent = new LinkedHashMap<>();
		intent.put("intent", reason.id());
		intent.put("confidence", Math.round((0.55 + random.nextDouble() * 0.42) * 1000) / 1000.0);
		intent.put("reason", reason.id());
		intent.put("language", language);
		t = t.plusSeconds(2 + random.nextInt(3));
		String article = dutch ? reason.nameNl() : reason.nameEn();
		if (end == BotEnd.HANDED_OFF) {
			String why = pick(random, List.of("low-confidence", "customer-asked", "not-helped", "details-collected"));
			if (why.equals("low-confidence")) {
				intent.remove("intent");
				intent.remove("confidence");
			}
			botSays(id, dutch ? "Ik verbind je door met een collega, een moment geduld alsjeblieft."
					: "I'm passing you to a colleague, one moment please.", "handoff", t);
			Map<String, Object> handOff = new LinkedHashMap<>(intent);
			handOff.put("handOffReason", why);
			handOff.put("slots", List.of());
			conversations.handOff(id, (dutch ? "Overgedragen door de bot (" : "Handed off by the bot (") + why + ")",
					handOff, t);
			String team = reason.team();
			String agent = pick(random, DemoOrganisation.agentsOf(team)).id();
			Instant assigned = DemoPlanner.staffed(t, random)
				.plusSeconds(whatsapp ? 60 + random.nextInt(600) : 10 + random.nextInt(90));
			Instant replied = assigned.plusSeconds(30 + random.nextInt(120));
			String reply = fill(pick(random, wording.replies()), details, agent);
			// an evening hand-off waits for the morning: what comes after now has not happened yet (same draws)
			if (assigned.isBefore(now)) {
				conversations.assign(id, agent, team, Actor.agent(agent), assigned);
			}
			if (replied.isBefore(now)) {
				agentSays(id, agent, reply, replied);
			}
			t = replied.plusSeconds(20 + random.nextInt(100));
			if (t.isAfter(now.minusSeconds(60))) {
				return false;
			}
			conversations.resolve(id, reason.id(), Actor.agent(agent), t);
			survey(id, t, random, now);
			return true;
		}
		botSays(id, dutch ? "Dit staat in ons artikel '" + article + "'. Heeft dit je geholpen?"
				: "Our article '" + article + "' answers this. Did that help?", "answer", t);
		Map<String, Object> answered = new LinkedHashMap<>(intent);
		answered.put("source", "article");
		events.append(t, receipt.conversationId(), receipt.customerId(), channel, ContactEventType.BOT_ANSWERED,
				Actor.bot(), customer.brand(), null, null, answered);
		t = t.plusSeconds(20 + random.nextInt(90));
		conversations.receive(new InboundMessage(channel, BOT_MESSAGE + n + "-1", claim, customer.brand(), language,
				null, dutch ? "Ja, dank je!" : "Yes, thanks!", null, List.of(), t, t));
		t = t.plusSeconds(2);
		botSays(id, dutch ? "Fijn dat ik je kon helpen. Fijne dag!" : "Glad I could help. Have a nice day!",
				"feedback", t);
		Map<String, Object> contained = new LinkedHashMap<>(intent);
		contained.put("answered", true);
		contained.put("endedBy", "customer");
		conversations.closeByBot(id, reason.id(), contained, t.plusSeconds(1));
		survey(id, t.plusSeconds(1), random, now);
		if (end == BotEnd.COMES_BACK) {
			comesBack(n, random, customer, reason, details, t, now);
		}
		return true;
	}

	/** The bot's answer did not settle it: the customer mails or calls within the day, and an agent handles it. */
	private void comesBack(int n, Random random, Customer customer, Reason reason, Map<String, String> details,
			Instant after, Instant now) {
		boolean call = random.nextBoolean();
		Instant t = after.plus(Duration.ofMinutes(30 + random.nextInt(20 * 60)));
		t = call ? DemoPlanner.staffed(t, random) : t;
		if (t.isAfter(now.minus(Duration.ofHours(1)))
				|| Duration.between(after, t).compareTo(Duration.ofHours(23)) > 0) {
			return;
		}
		String language = customer.language();
		boolean dutch = language.equals("nl");
		Wording wording = DemoTexts.SCRIPTS.get(reason.id()).in(language);
		String channel = call ? "phone" : "email";
		List<Identity> identities = call ? List.of(Identity.phone(customer.mobile()), Identity.email(customer.email()))
				: List.of(Identity.email(customer.email()));
		String text = call ? (dutch ? DemoTexts.CALL_NL : DemoTexts.CALL_EN)
			.replace("{option}", DemoOrganisation.team(reason.team()).ivrOption())
			.replace("{team}", DemoOrganisation.team(reason.team()).name(language))
				: (dutch ? DemoTexts.REPEAT_NL : DemoTexts.REPEAT_EN) + fill(pick(random, wording.openers()), details,
						null);
		InboundReceipt receipt = conversations.receive(new InboundMessage(channel,
				call ? "call-demohist-" + n : "<demohist-" + n + "@mail.example.com>",
				new IdentityClaim(identities, call ? null : customer.name(), customer.brand(), t), customer.brand(),
				language, call ? null : fill(wording.subject(), details, null), text, null, List.of(), t, t));
		ConversationId id = new ConversationId(receipt.conversationId());
		String agent = pick(random, DemoOrganisation.agentsOf(reason.team())).id();
		t = call ? t.plusSeconds(5 + random.nextInt(40))
				: DemoPlanner.staffed(t.plus(Duration.ofMinutes(20 + random.nextInt(150))), random);
		// a mail from the evening is taken in the morning: nothing after now is written (the draws stay the same)
		if (t.isBefore(now)) {
			conversations.assign(id, agent, reason.team(), Actor.agent(agent), t);
		}
		if (call) {
			t = t.plusSeconds(3 + random.nextInt(8));
			conversations.answer(id, agent, t);
			t = t.plusSeconds(120 + random.nextInt(300));
			conversations.addNote(id, agent, "Telefonisch: " + DemoTexts.SCRIPTS.get(reason.id()).note(), t);
		}
		else {
			t = t.plusSeconds(180 + random.nextInt(600));
			String reply = fill(pick(random, wording.replies()), details, agent);
			if (t.isBefore(now)) {
				agentSays(id, agent, reply, t);
			}
		}
		t = t.plusSeconds(20 + random.nextInt(60));
		if (t.isBefore(now)) {
			conversations.resolve(id, reason.id(), Actor.agent(agent), t);
			survey(id, t, random, now);
		}
	}

	/** About a third answer the survey after a resolved contact, as in the seeder's conversations. */
	private void survey(ConversationId id, Instant resolvedAt, Random random, Instant now) {
		Instant at = resolvedAt.plus(Duration.ofMinutes(30 + random.nextInt(180)));
		if (random.nextDouble() >= 0.33 || at.isAfter(now)) {
			return;
		}
		double draw = random.nextDouble();
		int csat = draw < 0.06 ? 1 : draw < 0.14 ? 2 : draw < 0.3 ? 3 : draw < 0.66 ? 4 : 5;
		int ces = Math.clamp(Math.round(7 - csat * 1.2 + random.nextGaussian()), 1, 7);
		surveys.answered(id, csat, ces, null, at);
	}

	private void botSays(ConversationId id, String text, String step, Instant at) {
		outbox.alreadySent(conversations.botReply(id, text, Map.of("step", step), at).id(), at);
	}

	// the demo's past reached its customers long ago: nothing of it goes out now
	private void agentSays(ConversationId id, String agent, String text, Instant at) {
		outbox.alreadySent(conversations.reply(id, agent, text, null, at).id(), at);
	}

	// ---- callbacks

	/**
	 * A callback booked on the contact page, with the attributes {@code routing.Callbacks} gives its events: a chosen
	 * half-hour slot, or (in opening hours) "as soon as possible", promised within the expected wait plus a slot. At
	 * its time it becomes a phone conversation that an agent of the reason's team calls, mostly within the window.
	 */
	private boolean callback(int n, Random random, Instant now) {
		Customer customer = customer(random);
		Reason reason = DemoOrganisation.reason(pick(random, CALLBACK_REASONS));
		Instant requested = pastMoment(random, now, BOT_HOUR_WEIGHT);
		boolean soon = random.nextDouble() < 0.3 && DemoPlanner.staffed(requested, random).equals(requested);
		Instant from;
		Instant to;
		if (soon) {
			from = requested;
			to = requested.plus(Duration.ofMinutes(2 + random.nextInt(10))).plus(Duration.ofMinutes(30));
		}
		else {
			from = slot(DemoPlanner.staffed(requested.plus(Duration.ofMinutes(15 + random.nextInt(20 * 60))), random));
			to = from.plus(Duration.ofMinutes(30));
		}
		boolean late = random.nextDouble() < CALLBACK_LATE;
		Instant attempt = late ? to.plus(Duration.ofMinutes(3 + random.nextInt(45)))
				: from.plusSeconds(soon ? 60 + random.nextInt(600) : random.nextInt(25 * 60));
		if (attempt.isAfter(now.minus(Duration.ofMinutes(30)))) {
			return false;
		}
		UUID callbackId = Ids.next();
		UUID customerId = customers.resolve(new IdentityClaim(List.of(Identity.phone(customer.mobile())),
				customer.name(), customer.brand(), requested)).value();
		Map<String, Object> promise = new LinkedHashMap<>();
		promise.put("callbackId", callbackId.toString());
		promise.put("kind", soon ? "in_queue" : "scheduled");
		promise.put("origin", soon ? "widget" : "contact_page");
		promise.put("urgency", 0);
		promise.put("promisedFrom", from.toString());
		promise.put("promisedTo", to.toString());
		Actor by = Actor.customer(customerId.toString());
		events.append(requested, null, customerId, "phone", ContactEventType.CALLBACK_REQUESTED, by, customer.brand(),
				null, null, promise);
		if (!soon) {
			events.append(requested, null, customerId, "phone", ContactEventType.CALLBACK_SCHEDULED, by,
					customer.brand(), null, null, promise);
		}
		// due: the callback enters the queue as a phone conversation of its own
		boolean dutch = customer.language().equals("nl");
		Instant due = attempt.minusSeconds(5 + random.nextInt(30));
		InboundReceipt receipt = conversations.receive(new InboundMessage("phone", "callback-" + callbackId + "-0",
				new IdentityClaim(List.of(Identity.phone(customer.mobile())), null, customer.brand(), due),
				customer.brand(), customer.language(), "Callback", dutch ? reason.nameNl() : reason.nameEn(), null,
				List.of(), due, due));
		ConversationId id = new ConversationId(receipt.conversationId());
		String team = reason.team();
		events.append(due, receipt.conversationId(), customerId, "phone", ContactEventType.QUEUED, Routing.ROUTING,
				customer.brand(), team, team, Map.of("callbackId", callbackId.toString(), "attempt", 1));
		String agent = pick(random, DemoOrganisation.agentsOf(team)).id();
		conversations.assign(id, agent, team, Routing.ROUTING, attempt.minusSeconds(5));
		events.append(attempt, receipt.conversationId(), customerId, "phone", ContactEventType.CALLBACK_ATTEMPTED,
				Actor.agent(agent), customer.brand(), team, team,
				Map.of("callbackId", callbackId.toString(), "attempt", 1, "outcome", "connected"));
		events.append(attempt, receipt.conversationId(), customerId, "phone", ContactEventType.CALLBACK_CONNECTED,
				Actor.agent(agent), customer.brand(), team, team,
				Map.of("callbackId", callbackId.toString(), "attempt", 1, "promise", late ? "broken" : "kept"));
		conversations.answer(id, agent, attempt);
		Instant end = attempt.plusSeconds(150 + random.nextInt(420));
		conversations.addNote(id, agent, "Teruggebeld: " + DemoTexts.SCRIPTS.get(reason.id()).note(), end);
		Instant resolved = end.plusSeconds(20 + random.nextInt(60));
		conversations.resolve(id, reason.id(), Actor.agent(agent), resolved);
		survey(id, resolved, random, now);
		return true;
	}

	/** The first half-hour slot that starts at or after the moment and ends before closing. */
	private static Instant slot(Instant moment) {
		ZonedDateTime at = moment.atZone(DemoPlanner.ZONE);
		LocalTime[] hours = DemoPlanner.openingHours(at.getDayOfWeek());
		ZonedDateTime open = at.with(hours[0]);
		long slots = (Duration.between(open, at).toMinutes() + 29) / 30;
		ZonedDateTime start = open.plusMinutes(30 * slots);
		return start.plusMinutes(30).toLocalTime().isAfter(hours[1]) || start.toLocalDate().isAfter(at.toLocalDate())
				? open.plusMinutes(30 * (slots - 1)).toInstant() : start.toInstant();
	}

	// ---- presence

	private record Block(Instant start, Instant end) {
	}

	/**
	 * Each agent is available around the contacts they handled (read back from the log: from the assignment or the
	 * answer of a call to resolving, transferring or a return to the queue, less the time a written contact waits for
	 * the customer), within opening hours, with a minute or two before and after; away between blocks of work on a
	 * day, offline at its end. Every agent ends offline, as the
	 * live routing expects of a demo nobody is signed in to.
	 */
	private int presence(Random random, Instant now) {
		Instant until = now.minus(Duration.ofMinutes(2));
		Map<UUID, List<ContactEvent>> byConversation = new LinkedHashMap<>();
		events.between(now.minus(HISTORY).minus(Duration.ofDays(1)), now,
				List.of(ContactEventType.ASSIGNED, ContactEventType.FIRST_AGENT_RESPONSE, ContactEventType.RESOLVED,
						ContactEventType.TRANSFERRED, ContactEventType.QUEUED, ContactEventType.ABANDONED,
						ContactEventType.MESSAGE_SENT, ContactEventType.MESSAGE_RECEIVED))
			.forEach(e -> byConversation.computeIfAbsent(e.conversationId(), c -> new ArrayList<>()).add(e));
		Map<String, List<Block>> work = new TreeMap<>();
		byConversation.values().forEach(list -> {
			boolean call = "phone".equals(list.getFirst().channel());
			String agent = null;
			Instant start = null;
			for (ContactEvent e : list) {
				switch (e.type()) {
					case ASSIGNED -> {
						agent = String.valueOf(e.attributes().get("agent"));
						start = call ? null : e.occurredAt();
					}
					case FIRST_AGENT_RESPONSE -> start = start == null ? e.occurredAt() : start;
					// after an agent's written reply the contact waits for the customer, not for the agent
					case MESSAGE_SENT -> {
						if (!call && agent != null && start != null && e.actor().kind() == Actor.Kind.AGENT) {
							work.computeIfAbsent(agent, a -> new ArrayList<>()).add(new Block(start, e.occurredAt()));
							start = null;
						}
					}
					case MESSAGE_RECEIVED -> start = !call && agent != null && start == null ? e.occurredAt() : start;
					default -> {
						if (agent != null && start != null) {
							work.computeIfAbsent(agent, a -> new ArrayList<>()).add(new Block(start, e.occurredAt()));
						}
						agent = null;
						start = null;
					}
				}
			}
			if (agent != null && start != null) {
				work.computeIfAbsent(agent, a -> new ArrayList<>()).add(new Block(start, until));
			}
		});
		int changes = 0;
		for (Agent agent : DemoOrganisation.AGENTS) {
			List<Block> blocks = signedIn(work.getOrDefault(agent.id(), List.of()), random, until);
			transactions.executeWithoutResult(status -> {
				for (int i = 0; i < blocks.size(); i++) {
					Block block = blocks.get(i);
					LocalDate blockDay = block.start().atZone(DemoPlanner.ZONE).toLocalDate();
					routing.recordPresence(agent.id(), Presence.AVAILABLE, block.start());
					boolean lastOfDay = i + 1 == blocks.size()
							|| !blocks.get(i + 1).start().atZone(DemoPlanner.ZONE).toLocalDate().equals(blockDay);
					routing.recordPresence(agent.id(), lastOfDay ? Presence.OFFLINE : Presence.AWAY, block.end());
				}
			});
			changes += 2 * blocks.size();
		}
		return changes;
	}

	/** The handled intervals cut to opening hours and [.., until], padded and merged into sign-in blocks. */
	private static List<Block> signedIn(List<Block> handled, Random random, Instant until) {
		List<Block> open = new ArrayList<>();
		for (Block b : handled) {
			ZonedDateTime day = b.start().atZone(DemoPlanner.ZONE).toLocalDate().atStartOfDay(DemoPlanner.ZONE);
			while (day.toInstant().isBefore(b.end())) {
				LocalTime[] hours = DemoPlanner.openingHours(day.getDayOfWeek());
				if (hours != null) {
					Instant from = max(b.start(), day.with(hours[0]).toInstant());
					Instant to = min(min(b.end(), day.with(hours[1]).toInstant()), until);
					if (to.isAfter(from)) {
						// a few minutes to get ready before and to finish after, within the same opening hours
						Instant padFrom = max(from.minusSeconds(15 + random.nextInt(75)), day.with(hours[0]).toInstant());
						Instant padTo = min(min(to.plusSeconds(30 + random.nextInt(120)), day.with(hours[1]).toInstant()),
								until);
						open.add(new Block(padFrom, padTo));
					}
				}
				day = day.plusDays(1);
			}
		}
		open.sort(Comparator.comparing(Block::start));
		List<Block> merged = new ArrayList<>();
		for (Block b : open) {
			Block last = merged.isEmpty() ? null : merged.getLast();
			// a short gap on the same day is spent waiting for the next contact, not away
			if (last != null && !b.start().isAfter(last.end().plus(Duration.ofMinutes(4)))
					&& sameDay(last.end(), b.start())) {
				merged.set(merged.size() - 1, new Block(last.start(), max(last.end(), b.end())));
			}
			else {
				merged.add(b);
			}
		}
		merged.removeIf(b -> !b.end().isAfter(b.start()));
		return merged;
	}

	private static boolean sameDay(Instant a, Instant b) {
		return a.atZone(DemoPlanner.ZONE).toLocalDate().equals(b.atZone(DemoPlanner.ZONE).toLocalDate());
	}

	// ---- time

	/** A moment of the past sixty days (not the last one), by hour of day. */
	private static Instant pastMoment(Random random, Instant now, double[] hourWeight) {
		LocalDate day = now.atZone(DemoPlanner.ZONE).toLocalDate().minusDays(1 + random.nextInt(58));
		double total = 0;
		for (double w : hourWeight) {
			total += w;
		}
		double x = random.nextDouble() * total;
		int hour = 0;
		while (x >= hourWeight[hour]) {
			x -= hourWeight[hour];
			hour++;
		}
		return day.atTime(hour, random.nextInt(60), random.nextInt(60)).atZone(DemoPlanner.ZONE).toInstant();
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static <T> T pick(Random random, List<T> items) {
		return items.get(random.nextInt(items.size()));
	}
}
