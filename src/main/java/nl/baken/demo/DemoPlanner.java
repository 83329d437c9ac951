package nl.baken.demo;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import nl.baken.access.Teams;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundMessage.Attachment;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.demo.DemoOrganisation.Agent;
import nl.baken.demo.DemoOrganisation.Brand;
import nl.baken.demo.DemoOrganisation.Product;
import nl.baken.demo.DemoOrganisation.Reason;
import nl.baken.demo.DemoOrganisation.Team;
import nl.baken.demo.DemoStep.Abandon;
import nl.baken.demo.DemoStep.Answer;
import nl.baken.demo.DemoStep.Assign;
import nl.baken.demo.DemoStep.IvrEvent;
import nl.baken.demo.DemoStep.Note;
import nl.baken.demo.DemoStep.Receive;
import nl.baken.demo.DemoStep.Reply;
import nl.baken.demo.DemoStep.Resolve;
import nl.baken.demo.DemoStep.Transfer;
import nl.baken.demo.DemoTexts.Script;
import nl.baken.demo.DemoTexts.Wording;

/**
 * Decides the demo's customers and conversations with one seeded random, relative to "now": when contacts arrive
 * (weekday mornings, a Monday peak; phone and chat only while the service is staffed), how long they wait per channel,
 * who handles them, which go to the wrong team first, which customers come back within a week, which callers hang up,
 * and which contacts of the last hours are still open. Conversations of one customer on one channel and brand never
 * overlap, because Baken would add the second one's messages to the first.
 * <p>
 * The history is planned up to the coming Monday and then cut at now, so its random draws do not depend on the hour
 * the demo starts: the same week's history whenever in the week it is seeded (an hour-relative plan gave some hours
 * no customer of both brands and a transfer rate under 6 %).
 */
final class DemoPlanner {

	static final ZoneId ZONE = ZoneId.of(Teams.DEFAULT_TIME_ZONE);

	private static final Duration HISTORY = Duration.ofDays(60);

	private static final String EMAIL = "email";

	private static final String WHATSAPP = "whatsapp";

	private static final String WEBCHAT = "webchat";

	private static final String PHONE = "phone";

	private static final int FIRST_CONTACTS = 325;

	private static final int OPEN_CONTACTS = 12;

	private static final Duration REPEAT_WINDOW = Duration.ofDays(7);

	private static final double MISROUTE_CHANCE = 0.18;

	private static final double ABANDON_CHANCE = 0.1;

	private static final double CALL_BACK_AFTER_ABANDON = 0.6;

	private static final double DUTCH_SHARE = 0.6;

	private static final double BOTH_BRANDS_SHARE = 0.15;

	private static final double RETURNING_CUSTOMER_SHARE = 0.1;

	// Monday first: the week's peak is Monday, Sunday only has written contacts.
	private static final double[] DAY_WEIGHT = { 1.45, 1.15, 1.05, 1.0, 0.95, 0.55, 0.35 };

	private static final double[] ANYTIME_HOUR_WEIGHT = { 0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.2, 0.45, 0.9, 1.4,
			1.5, 1.4, 1.1, 1.1, 1.1, 1.0, 0.9, 0.7, 0.6, 0.8, 0.9, 0.8, 0.5, 0.2 };

	private static final double[] OFFICE_HOUR_WEIGHT = { 0, 0, 0, 0, 0, 0, 0, 0, 0.9, 1.6, 1.7, 1.5, 1.1, 1.2, 1.2,
			1.1, 1.0, 0.8, 0.6, 0.5, 0, 0, 0, 0 };

	private static final List<String> FIRST_NAMES_NL = List.of("Jan", "Sanne", "Pieter", "Lisa", "Mark", "Eva",
			"Thomas", "Fleur", "Bas", "Iris", "Ruud", "Anouk", "Kees", "Marloes", "Hans", "Ilse", "Wim", "Noor", "Erik",
			"Femke", "Joost", "Sophie", "Ahmed", "Fatima", "Mohamed", "Yasmina", "Dewi", "Rajesh", "Kevin", "Chantal",
			"Gerrit", "Annemiek", "Daan", "Julia", "Sem", "Lieke", "Henk", "Ingrid", "Stijn", "Merel");

	private static final List<String> LAST_NAMES_NL = List.of("de Vries", "Jansen", "van den Berg", "Bakker",
			"Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
			"van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok",
			"Jacobs", "El Idrissi", "Öztürk", "Boukhari", "Kaya", "Ramdin", "Tjon", "van Dam", "Hoekstra",
			"Verhoeven", "Postma", "Koster");

	private static final List<String> FIRST_NAMES_EN = List.of("James", "Olivia", "Sofia", "Lukas", "Priya", "Wei",
			"Maria", "Emily", "Daniel", "Ana", "Tom", "Hannah", "Marco", "Aisha", "Oliver", "Zofia", "Liam", "Elena",
			"Raj", "Grace", "Mateo", "Chloe", "Ethan", "Isabella", "Noah", "Yuki", "Amir", "Laura", "Ben", "Kasia");

	private static final List<String> LAST_NAMES_EN = List.of("Miller", "Brown", "Rossi", "Schmidt", "Sharma", "Chen",
			"García", "Clarke", "O'Brien", "Silva", "Wilson", "Becker", "Bianchi", "Khan", "Smith", "Nowak", "Murphy",
			"Petrova", "Patel", "Taylor", "Fernández", "Dubois", "Johnson", "Müller", "Kowalski", "Tanaka", "Hosseini",
			"Evans", "Novak", "Andersen");

	// Reserved example domains (RFC 2606): nothing sent to a demo customer can reach a real mailbox.
	private static final List<String> MAIL_DOMAINS = List.of("example.com", "example.net", "example.org");

	private static final List<String> STREETS = List.of("Lindelaan", "Dorpsstraat", "Kerkweg", "Molenstraat",
			"Beukenlaan", "Stationsweg", "Julianastraat", "Zonnebloemstraat", "Havenkade", "Oude Gracht");

	private static final List<String> CITIES = List.of("Utrecht", "Amersfoort", "Haarlem", "Zwolle", "Eindhoven",
			"Groningen", "Leiden", "Breda", "Nijmegen", "Delft");

	private static final String POSTCODE_LETTERS = "ABCDEFGHJKLMNPRTVWXZ";

	record Persona(int id, String firstName, String fullName, String language, String email, String mobile,
			String visitorId, List<String> brands) {
	}

	/** {@code generation} counts how many contacts about the same matter came before this one. */
	record Contact(int id, Persona persona, String channel, String brand, String reasonId,
			Map<String, String> details, int generation, List<DemoStep> steps) {

		Instant start() {
			return steps.getFirst().at();
		}

		Instant end() {
			return steps.getLast().at();
		}

		boolean closed() {
			return steps.getLast() instanceof Resolve || abandoned();
		}

		boolean abandoned() {
			return steps.getLast() instanceof Abandon;
		}
	}

	/** Where an open conversation's story stops: still in the queue, with an agent, or waiting for the customer. */
	private enum Stage {
		QUEUED, ASSIGNED, WAITING, DONE
	}

	private final Random random;

	private final Instant now;

	/** Where the history is planned to: the start of the coming Monday. */
	private final Instant planUntil;

	private final List<Persona> personas = new ArrayList<>();

	private final Set<String> emails = new HashSet<>();

	private final Set<String> mobiles = new HashSet<>();

	private int contacts;

	DemoPlanner(long seed, Instant now) {
		this.random = new Random(seed);
		this.now = now;
		this.planUntil = now.atZone(ZONE)
			.toLocalDate()
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.atStartOfDay(ZONE)
			.toInstant();
	}

	List<Contact> plan() {
		Slots office = new Slots(planUntil.minus(HISTORY), true, planUntil);
		Slots anytime = new Slots(planUntil.minus(HISTORY), false, planUntil);
		List<Contact> planned = new ArrayList<>();
		for (int i = 0; i < FIRST_CONTACTS; i++) {
			Persona persona = random.nextDouble() < RETURNING_CUSTOMER_SHARE && !personas.isEmpty()
					? pick(personas) : newPersona();
			String channel = channelFor(persona);
			Instant start = (staffedOnly(channel) ? office : anytime).sample();
			String brand = pick(persona.brands());
			planned.add(contact(persona, channel, brand, weightedReason().id(), details(persona, brand, start),
					0, start, Stage.DONE, false));
		}
		// The list grows while it is walked, so a repeat contact can be followed by another one.
		for (int i = 0; i < planned.size(); i++) {
			addRepeat(planned, planned.get(i));
		}
		// Work for the inbox: written contacts of the last hours that are not finished yet. Planned last, because
		// these depend on the hour.
		Slots lastHours = new Slots(now.minus(Duration.ofHours(18)), false, now);
		for (int i = 0; i < OPEN_CONTACTS; i++) {
			Persona persona = newPersona();
			String channel = persona.mobile() != null && random.nextBoolean() ? WHATSAPP
					: persona.email() != null ? EMAIL : WEBCHAT;
			Instant start = channel.equals(WEBCHAT) ? staffed(lastHours.sample()) : lastHours.sample();
			String brand = pick(persona.brands());
			planned.add(contact(persona, channel, brand, weightedReason().id(),
					details(persona, brand, start), 0, start, Stage.values()[i % 3], false));
		}
		return withoutOverlaps(planned).stream().map(this::cutAtNow).filter(c -> c != null).toList();
	}

	/** The story of a contact that began before now, cut off at now: one still going on is open. */
	private Contact cutAtNow(Contact contact) {
		List<DemoStep> happened = contact.steps().stream().filter(step -> step.at().isBefore(now)).toList();
		return happened.isEmpty() ? null
				: new Contact(contact.id(), contact.persona(), contact.channel(), contact.brand(), contact.reasonId(),
						contact.details(), contact.generation(), happened);
	}

	private void addRepeat(List<Contact> planned, Contact earlier) {
		if (!earlier.closed()) {
			return;
		}
		Reason reason = DemoOrganisation.reason(earlier.reasonId());
		double chance = earlier.abandoned() ? CALL_BACK_AFTER_ABANDON
				: reason.repeatChance() / (1 + earlier.generation());
		if (random.nextDouble() >= chance) {
			return;
		}
		Persona persona = earlier.persona();
		String channel;
		String reasonId;
		Instant start;
		if (earlier.abandoned()) {
			channel = PHONE;
			reasonId = reason.id();
			start = earlier.end().plus(lognormal(Duration.ofMinutes(25), 0.8, Duration.ofMinutes(2), Duration.ofHours(4)));
		}
		else {
			channel = random.nextBoolean() ? earlier.channel() : channelFor(persona);
			reasonId = random.nextDouble() < 0.7 ? reason.id() : reason.followUpReason();
			start = earlier.end().plus(lognormal(Duration.ofHours(22), 1.0, Duration.ofHours(1), Duration.ofDays(6)));
		}
		if (staffedOnly(channel)) {
			start = staffed(start);
		}
		if (start.isAfter(planUntil.minus(Duration.ofMinutes(5)))
				|| Duration.between(earlier.start(), start).compareTo(REPEAT_WINDOW) > 0) {
			return;
		}
		planned.add(contact(persona, channel, earlier.brand(), reasonId, earlier.details(),
				earlier.generation() + 1, start, Stage.DONE, reasonId.equals(earlier.reasonId())));
	}

	/** Drops a contact that would start while the same customer's conversation on that channel and brand is open. */
	private static List<Contact> withoutOverlaps(List<Contact> planned) {
		List<Contact> sorted = planned.stream()
			.sorted(Comparator.comparing(Contact::start).thenComparingInt(Contact::id))
			.toList();
		Map<String, Instant> busyUntil = new HashMap<>();
		List<Contact> kept = new ArrayList<>();
		for (Contact contact : sorted) {
			String key = contact.persona().id() + "|" + contact.channel() + "|" + contact.brand();
			Instant until = busyUntil.get(key);
			if (until == null || contact.start().isAfter(until)) {
				busyUntil.put(key, contact.closed() ? contact.end() : Instant.MAX);
				kept.add(contact);
			}
		}
		return kept;
	}

	// ---- one conversation

	private Contact contact(Persona persona, String channel, String brand, String reasonId,
			Map<String, String> details, int generation, Instant start, Stage stage, boolean sameMatterAgain) {
		Reason reason = DemoOrganisation.reason(reasonId);
		boolean misrouted = stage == Stage.DONE && reason.misroute() != null
				&& random.nextDouble() < MISROUTE_CHANCE;
		Flow flow = new Flow(contacts++, persona, channel, brand, details, start);
		if (channel.equals(PHONE)) {
			call(flow, reason, misrouted);
		}
		else {
			write(flow, reason, misrouted, stage, sameMatterAgain);
		}
		return new Contact(flow.id, persona, channel, brand, reasonId, details, generation, List.copyOf(flow.steps));
	}

	private void call(Flow flow, Reason reason, boolean misrouted) {
		Team right = DemoOrganisation.team(reason.team());
		Team first = misrouted ? DemoOrganisation.team(reason.misroute().wrongTeam()) : right;
		String language = flow.persona.language();
		List<IvrEvent> ivr = new ArrayList<>();
		ivr.add(new IvrEvent(flow.t, ContactEventType.IVR_ENTERED, false, Map.of("menu", "main")));
		if (language.equals("en")) {
			flow.after(seconds(4, 9));
			ivr.add(new IvrEvent(flow.t, ContactEventType.IVR_OPTION_CHOSEN, true,
					Map.of("menu", "language", "option", "9", "label", "English")));
		}
		flow.after(seconds(8, 25));
		ivr.add(new IvrEvent(flow.t, ContactEventType.IVR_OPTION_CHOSEN, true,
				Map.of("menu", "main", "option", first.ivrOption(), "label", first.name(language))));
		flow.after(seconds(1, 3));
		ivr.add(new IvrEvent(flow.t, ContactEventType.IVR_LEFT, false, Map.of("queue", first.id())));
		String text = (language.equals("nl") ? DemoTexts.CALL_NL : DemoTexts.CALL_EN)
			.replace("{option}", first.ivrOption())
			.replace("{team}", first.name(language));
		flow.receive(text, null, List.of(), ivr);
		if (!misrouted && random.nextDouble() < ABANDON_CHANCE) {
			// Some hang up within seconds (a wrong number, a change of mind); most after waiting a while.
			flow.after(random.nextDouble() < 0.2 ? seconds(1, 5)
					: lognormal(Duration.ofSeconds(80), 0.8, Duration.ofSeconds(6), Duration.ofMinutes(10)));
			flow.steps.add(new Abandon(flow.t));
			return;
		}
		// most callers are answered within the 20 s target, a busy Monday morning makes some wait minutes
		flow.after(lognormal(Duration.ofSeconds(9), 0.9, Duration.ofSeconds(3), Duration.ofMinutes(15)));
		String agent = agentOf(first);
		flow.steps.add(new Assign(flow.t, agent, first.id()));
		flow.after(seconds(3, 12));
		flow.steps.add(new Answer(flow.t, agent));
		if (misrouted) {
			flow.after(seconds(40, 150));
			flow.steps.add(new Transfer(flow.t, agent, right.id(), reason.misroute().transferReason()));
			flow.after(lognormal(Duration.ofSeconds(45), 0.8, Duration.ofSeconds(5), Duration.ofMinutes(10)));
			agent = agentOf(right);
			flow.steps.add(new Assign(flow.t, agent, right.id()));
		}
		flow.after(lognormal(Duration.ofMinutes(4), 0.5, Duration.ofMinutes(1), Duration.ofMinutes(25)));
		flow.steps.add(new Note(flow.t, agent, "Telefonisch: " + DemoTexts.SCRIPTS.get(reason.id()).note()));
		flow.after(seconds(15, 90));
		flow.steps.add(new Resolve(flow.t, agent, reason.id()));
	}

	private void write(Flow flow, Reason reason, boolean misrouted, Stage stage, boolean sameMatterAgain) {
		Team right = DemoOrganisation.team(reason.team());
		Team first = misrouted ? DemoOrganisation.team(reason.misroute().wrongTeam()) : right;
		String language = flow.persona.language();
		Script script = DemoTexts.SCRIPTS.get(reason.id());
		Wording wording = script.in(language);
		String subject = flow.channel.equals(EMAIL) ? flow.fill(wording.subject(), null) : null;
		String repeat = sameMatterAgain ? (language.equals("nl") ? DemoTexts.REPEAT_NL : DemoTexts.REPEAT_EN) : "";
		flow.receive(repeat + flow.fill(pick(wording.openers()), null), subject, List.of(), List.of());
		if (stage == Stage.QUEUED) {
			return;
		}
		flow.waitInQueue();
		String agent = agentOf(first);
		flow.steps.add(new Assign(flow.t, agent, first.id()));
		if (stage == Stage.ASSIGNED) {
			return;
		}
		if (misrouted) {
			if (!flow.channel.equals(EMAIL) && random.nextDouble() < 0.6) {
				flow.agentThinks();
				String handover = language.equals("nl") ? DemoTexts.HANDOVER_NL : DemoTexts.HANDOVER_EN;
				flow.steps.add(new Reply(flow.t, agent,
						flow.fill(handover.replace("{team}", right.name(language).toLowerCase(Locale.ROOT)), agent)));
			}
			flow.after(seconds(60, 480));
			flow.steps.add(new Transfer(flow.t, agent, right.id(), reason.misroute().transferReason()));
			flow.waitInQueue();
			agent = agentOf(right);
			flow.steps.add(new Assign(flow.t, agent, right.id()));
		}
		flow.agentThinks();
		if (random.nextDouble() < 0.35) {
			flow.steps.add(new Reply(flow.t, agent, flow.fill(wording.ask(), agent)));
			if (stage == Stage.WAITING) {
				return;
			}
			flow.customerThinks();
			flow.receive(flow.fill(wording.answer(), null), reply(subject), script.answerAttachments(), List.of());
			flow.agentReturns();
			flow.agentThinks();
		}
		flow.steps.add(new Reply(flow.t, agent, flow.fill(pick(wording.replies()), agent)));
		if (stage == Stage.WAITING) {
			return;
		}
		if (random.nextDouble() < 0.3) {
			flow.after(seconds(20, 120));
			flow.steps.add(new Note(flow.t, agent, script.note()));
		}
		if (random.nextDouble() < (flow.channel.equals(EMAIL) ? 0.15 : 0.4)) {
			flow.customerThinks();
			flow.receive(pick(language.equals("nl") ? DemoTexts.THANKS_NL : DemoTexts.THANKS_EN), reply(subject),
					List.of(), List.of());
			flow.agentReturns();
		}
		flow.after(seconds(10, flow.channel.equals(WEBCHAT) ? 60 : 300));
		flow.steps.add(new Resolve(flow.t, agent, reason.id()));
	}

	private static String reply(String subject) {
		return subject == null ? null : "Re: " + subject;
	}

	/** The steps of one contact as they happen, with a clock {@code t} that only moves forward. */
	private final class Flow {

		final int id;

		final Persona persona;

		final String channel;

		final String brand;

		final Map<String, String> details;

		final List<Identity> identities;

		final String displayName;

		final List<DemoStep> steps = new ArrayList<>();

		Instant t;

		private int messages;

		Flow(int id, Persona persona, String channel, String brand, Map<String, String> details, Instant start) {
			this.id = id;
			this.persona = persona;
			this.channel = channel;
			this.brand = brand;
			this.details = details;
			this.t = start;
			this.identities = identities();
			this.displayName = displayName();
		}

		/**
		 * What the channel knows of the sender. WhatsApp and phone often learn the e-mail address too, when the bot
		 * or the IVR looked the order up in the shop; that is how one customer's channels come together.
		 */
		private List<Identity> identities() {
			List<Identity> known = new ArrayList<>();
			double withEmail = switch (channel) {
				case EMAIL -> 1;
				case WEBCHAT -> 0.85;
				case WHATSAPP -> 0.6;
				default -> 0.5;
			};
			switch (channel) {
				case WHATSAPP -> known.add(Identity.whatsapp("31" + persona.mobile().substring(1)));
				case WEBCHAT -> known.add(Identity.webVisitor(persona.visitorId()));
				case PHONE -> known.add(Identity.phone(persona.mobile()));
				default -> {
				}
			}
			if (persona.email() != null && random.nextDouble() < withEmail) {
				known.add(Identity.email(persona.email()));
			}
			return known;
		}

		private String displayName() {
			return switch (channel) {
				case PHONE -> null;
				case WHATSAPP -> random.nextBoolean() ? persona.firstName() : persona.fullName();
				case WEBCHAT -> identities.size() > 1 ? persona.fullName() : null;
				default -> persona.fullName();
			};
		}

		void receive(String text, String subject, List<Attachment> attachments, List<IvrEvent> ivr) {
			String providerId = switch (channel) {
				case EMAIL -> "<demo-%d-%d@mail.example.com>".formatted(id, messages);
				case WHATSAPP -> "wamid.demo-%d-%d".formatted(id, messages);
				case PHONE -> "call-demo-%d".formatted(id);
				default -> "chat-demo-%d-%d".formatted(id, messages);
			};
			messages++;
			// E-mail spends a little while in transit; the other channels deliver at once.
			Instant sent = channel.equals(EMAIL) ? t.minusSeconds(2 + random.nextInt(60)) : t;
			steps.add(new Receive(t, new InboundMessage(channel, providerId,
					new IdentityClaim(identities, displayName, brand, t), brand, persona.language(), subject, text, null,
					attachments, sent, t), ivr));
		}

		void after(Duration duration) {
			t = t.plus(duration);
		}

		/** Time until an agent takes the contact from the queue: seconds for chat, minutes for WhatsApp, hours for e-mail. */
		void waitInQueue() {
			switch (channel) {
				case EMAIL -> t = staffed(staffed(t).plus(
						lognormal(Duration.ofMinutes(100), 0.9, Duration.ofMinutes(5), Duration.ofHours(20))));
				case WHATSAPP -> t = staffed(staffed(t).plus(
						lognormal(Duration.ofMinutes(6), 1.0, Duration.ofSeconds(20), Duration.ofHours(3))));
				default -> after(lognormal(Duration.ofSeconds(40), 0.8, Duration.ofSeconds(5), Duration.ofMinutes(10)));
			}
		}

		void agentThinks() {
			after(switch (channel) {
				case EMAIL -> lognormal(Duration.ofMinutes(9), 0.6, Duration.ofMinutes(2), Duration.ofMinutes(45));
				case WHATSAPP -> lognormal(Duration.ofMinutes(2), 0.6, Duration.ofSeconds(30), Duration.ofMinutes(20));
				default -> lognormal(Duration.ofSeconds(50), 0.5, Duration.ofSeconds(10), Duration.ofMinutes(4));
			});
		}

		void customerThinks() {
			after(switch (channel) {
				case EMAIL -> lognormal(Duration.ofHours(4), 1.0, Duration.ofMinutes(10), Duration.ofDays(2));
				case WHATSAPP -> lognormal(Duration.ofMinutes(20), 1.2, Duration.ofMinutes(1), Duration.ofDays(1));
				default -> lognormal(Duration.ofSeconds(60), 0.6, Duration.ofSeconds(10), Duration.ofMinutes(5));
			});
		}

		/** After the customer answered, the agent gets back to it when staffed; a chat agent is still there. */
		void agentReturns() {
			switch (channel) {
				case EMAIL -> t = staffed(staffed(t).plus(
						lognormal(Duration.ofMinutes(50), 0.8, Duration.ofMinutes(2), Duration.ofHours(8))));
				case WHATSAPP -> t = staffed(staffed(t).plus(
						lognormal(Duration.ofMinutes(4), 0.8, Duration.ofSeconds(20), Duration.ofHours(1))));
				default -> {
				}
			}
		}

		String fill(String template, String agent) {
			String text = template;
			for (Map.Entry<String, String> detail : details.entrySet()) {
				text = text.replace("{" + detail.getKey() + "}", detail.getValue());
			}
			return agent == null ? text
					: text.replace("{agent}", DemoOrganisation.AGENTS.stream()
						.filter(a -> a.id().equals(agent))
						.findFirst()
						.orElseThrow()
						.firstName());
		}
	}

	// ---- customers and what they write about

	private Persona newPersona() {
		boolean dutch = random.nextDouble() < DUTCH_SHARE;
		String first = pick(dutch ? FIRST_NAMES_NL : FIRST_NAMES_EN);
		String last = pick(dutch ? LAST_NAMES_NL : LAST_NAMES_EN);
		boolean hasEmail = random.nextDouble() < 0.92;
		boolean hasMobile = !hasEmail || random.nextDouble() < 0.8;
		List<String> brands;
		if (random.nextDouble() < BOTH_BRANDS_SHARE) {
			brands = List.of("tuinhuys", "kookgraag");
		}
		else {
			brands = List.of(random.nextDouble() < 0.6 ? "tuinhuys" : "kookgraag");
		}
		Persona persona = new Persona(personas.size(), first, first + " " + last, dutch ? "nl" : "en",
				hasEmail ? uniqueEmail(first, last) : null, hasMobile ? uniqueMobile() : null,
				"wv-%012x".formatted(random.nextLong() & 0xffff_ffff_ffffL), brands);
		personas.add(persona);
		return persona;
	}

	private String uniqueEmail(String first, String last) {
		String f = ascii(first);
		String l = ascii(last);
		String local = switch (random.nextInt(4)) {
			case 0 -> f + "." + l;
			case 1 -> f + l;
			case 2 -> f.charAt(0) + "." + l;
			default -> f + "." + l + (70 + random.nextInt(35));
		};
		String domain = pick(MAIL_DOMAINS);
		String email = local + "@" + domain;
		for (int n = 2; !emails.add(email); n++) {
			email = local + n + "@" + domain;
		}
		return email;
	}

	/** A Dutch mobile number written nationally (06…), as customers type it. */
	private String uniqueMobile() {
		String mobile;
		do {
			mobile = "06" + (1 + random.nextInt(5)) + "%07d".formatted(random.nextInt(10_000_000));
		}
		while (!mobiles.add(mobile));
		return mobile;
	}

	private static String ascii(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z]", "");
	}

	private String channelFor(Persona persona) {
		int email = persona.email() == null ? 0 : 26;
		int whatsapp = persona.mobile() == null ? 0 : 32;
		int webchat = 18;
		int phone = persona.mobile() == null ? 0 : 28;
		int x = random.nextInt(email + whatsapp + webchat + phone);
		if (x < email) {
			return EMAIL;
		}
		if (x < email + whatsapp) {
			return WHATSAPP;
		}
		return x < email + whatsapp + webchat ? WEBCHAT : PHONE;
	}

	private Reason weightedReason() {
		int x = random.nextInt(DemoOrganisation.REASONS.stream().mapToInt(Reason::weight).sum());
		for (Reason reason : DemoOrganisation.REASONS) {
			x -= reason.weight();
			if (x < 0) {
				return reason;
			}
		}
		throw new IllegalStateException("weights changed while picking");
	}

	/** The order a contact is about; a repeat contact keeps it, so the customer writes about the same order. */
	private Map<String, String> details(Persona persona, String brandId, Instant start) {
		Brand brand = DemoOrganisation.BRANDS.stream().filter(b -> b.id().equals(brandId)).findFirst().orElseThrow();
		Product product = pick(brand.products());
		boolean dutch = persona.language().equals("nl");
		Locale locale = dutch ? Locale.of("nl", "NL") : Locale.UK;
		String postcode = (1000 + random.nextInt(9000)) + " " + POSTCODE_LETTERS.charAt(random.nextInt(20))
				+ POSTCODE_LETTERS.charAt(random.nextInt(20));
		Map<String, String> details = new HashMap<>();
		details.put("name", persona.firstName());
		details.put("order", brand.orderPrefix() + "-" + (200_000 + random.nextInt(800_000)));
		details.put("product", dutch ? product.nl() : product.en());
		details.put("orderDate", DateTimeFormatter.ofPattern(dutch ? "d MMMM" : "MMMM d", locale)
			.format(start.minus(Duration.ofDays(2 + random.nextInt(9))).atZone(ZONE)));
		details.put("days", String.valueOf(3 + random.nextInt(9)));
		details.put("months", String.valueOf(3 + random.nextInt(18)));
		details.put("amount", String.format(locale, "%,.2f", product.priceCents() / 100.0));
		details.put("invoice", "F" + (20_000_000 + random.nextInt(9_999_999)));
		details.put("postcode", postcode);
		details.put("street", pick(STREETS) + " " + (1 + random.nextInt(150)) + ", " + postcode + " " + pick(CITIES));
		return details;
	}

	// ---- time

	private static boolean staffedOnly(String channel) {
		return channel.equals(PHONE) || channel.equals(WEBCHAT);
	}

	/** Opening hours of the service: weekdays 8:00–20:00, Saturday 9:00–17:00, closed on Sunday. */
	static LocalTime[] openingHours(DayOfWeek day) {
		return switch (day) {
			case SUNDAY -> null;
			case SATURDAY -> new LocalTime[] { LocalTime.of(9, 0), LocalTime.of(17, 0) };
			default -> new LocalTime[] { LocalTime.of(8, 0), LocalTime.of(20, 0) };
		};
	}

	private Instant staffed(Instant moment) {
		return staffed(moment, random);
	}

	/** The moment itself if the service is staffed then, otherwise shortly after the next opening. */
	static Instant staffed(Instant moment, Random random) {
		ZonedDateTime at = moment.atZone(ZONE);
		for (int day = 0; day < 7; day++) {
			LocalTime[] hours = openingHours(at.getDayOfWeek());
			if (hours != null) {
				ZonedDateTime open = at.with(hours[0]);
				if (at.isBefore(open)) {
					// Not everyone takes the first item of the morning backlog at the same second.
					return open.plusSeconds(random.nextInt(40 * 60)).toInstant();
				}
				if (at.isBefore(at.with(hours[1]))) {
					return at.toInstant();
				}
			}
			at = at.toLocalDate().plusDays(1).atStartOfDay(ZONE);
		}
		throw new IllegalStateException("the service is never open");
	}

	private Duration lognormal(Duration median, double sigma, Duration min, Duration max) {
		long seconds = Math.round(median.toSeconds() * Math.exp(sigma * random.nextGaussian()));
		return Duration.ofSeconds(Math.clamp(seconds, min.toSeconds(), max.toSeconds()));
	}

	private Duration seconds(int min, int max) {
		return Duration.ofSeconds(min + random.nextInt(max - min + 1));
	}

	private String agentOf(Team team) {
		List<Agent> agents = DemoOrganisation.agentsOf(team.id());
		return pick(agents).id();
	}

	private <T> T pick(List<T> items) {
		return items.get(random.nextInt(items.size()));
	}

	/** The hours from one moment until another to draw arrival times from, weighted by day of week and hour. */
	private final class Slots {

		private final List<Instant> starts = new ArrayList<>();

		private final double[] cumulative;

		private final Instant until;

		Slots(Instant from, boolean staffedOnly, Instant until) {
			this.until = until;
			List<Double> weights = new ArrayList<>();
			ZonedDateTime hour = from.atZone(ZONE).truncatedTo(ChronoUnit.HOURS).plusHours(1);
			while (hour.toInstant().isBefore(until)) {
				int h = hour.getHour();
				double weight = DAY_WEIGHT[hour.getDayOfWeek().getValue() - 1]
						* (staffedOnly ? staffedWeight(hour) : ANYTIME_HOUR_WEIGHT[h]);
				if (weight > 0) {
					starts.add(hour.toInstant());
					weights.add(weight);
				}
				hour = hour.plusHours(1);
			}
			cumulative = new double[weights.size()];
			double sum = 0;
			for (int i = 0; i < cumulative.length; i++) {
				sum += weights.get(i);
				cumulative[i] = sum;
			}
		}

		private static double staffedWeight(ZonedDateTime hour) {
			LocalTime[] open = openingHours(hour.getDayOfWeek());
			boolean inside = open != null && !hour.toLocalTime().isBefore(open[0])
					&& hour.toLocalTime().isBefore(open[1]);
			return inside ? OFFICE_HOUR_WEIGHT[hour.getHour()] : 0;
		}

		Instant sample() {
			int i = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
			Instant start = starts.get(i < 0 ? -i - 1 : i);
			long span = Math.clamp(Duration.between(start, until).toSeconds(), 1, 3600);
			return start.plusSeconds(random.nextLong(span));
		}
	}
}
