package nl.baken.analytics.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiDefinition.Parameter;
import nl.baken.analytics.KpiDefinition.Type;

/**
 * The KPI definitions Baken computes, as data (see KPI-DEFINITIONS.md). Raise a version when the computation of a
 * definition changes, so numbers computed before and after never share a name.
 */
public final class KpiCatalogue {

	public static final String SERVICE_LEVEL = "service-level";

	public static final String AVERAGE_SPEED_OF_ANSWER = "average-speed-of-answer";

	public static final String ABANDONMENT_RATE = "abandonment-rate";

	public static final String REPEAT_CONTACT_RATE = "repeat-contact-rate";

	public static final String FIRST_CONTACT_RESOLUTION = "first-contact-resolution";

	public static final String TRANSFER_RATE = "transfer-rate";

	public static final String INFORMATIONAL_SHARE = "informational-share";

	public static final String BACKLOG = "backlog";

	public static final String CSAT = "csat";

	public static final String CES = "customer-effort";

	public static final String HANDLE_TIME = "handle-time";

	public static final String OCCUPANCY = "occupancy";

	public static final String BOT_CONTAINMENT = "bot-containment";

	public static final String BOT_FALSE_CONTAINMENT = "bot-false-containment";

	public static final String CALLBACK_PROMISE_KEPT = "callback-promise-kept";

	private static final Parameter THRESHOLD = new Parameter("thresholdSeconds", "T", Type.SECONDS, "20", List.of(),
			"Drempel T: binnen zoveel seconden opgenomen telt als op tijd.",
			"Threshold T: answered within this many seconds counts as in time.");

	private static final Parameter SHORT_ABANDON = new Parameter("shortAbandonSeconds", "S", Type.SECONDS, "5",
			List.of(), "Korte afhaker S: wie binnen zoveel seconden ophangt, telt niet als poging (0 = uit).",
			"Short abandon S: hanging up within this many seconds is not a real attempt (0 = off).");

	private static final Parameter ABANDONS = new Parameter("abandons", "abandons", Type.CHOICE, "negative",
			List.of("negative", "ignore", "positive", "answeredOnly"),
			"Afhakers: negative = A_T/(O−Ab_S), ignore = A_T/(O−Ab_T), positive = (A_T+Ab_T−Ab_S)/(O−Ab_S), "
					+ "answeredOnly = A_T/A.",
			"Abandons: negative = A_T/(O−Ab_S), ignore = A_T/(O−Ab_T), positive = (A_T+Ab_T−Ab_S)/(O−Ab_S), "
					+ "answeredOnly = A_T/A.");

	private static final Parameter INCLUDE_IVR = new Parameter("includeIvr", "includeIvr", Type.BOOLEAN, "false",
			List.of(), "Wachttijd meten vanaf het begin van het keuzemenu (IVR) in plaats van vanaf de wachtrij.",
			"Measure waiting from the start of the IVR instead of from entering the queue.");

	private static final Parameter INCLUDE_FLOW_OUTS = new Parameter("includeFlowOuts", "includeFlowOuts",
			Type.BOOLEAN, "false", List.of(),
			"Wie in de wachtrij om terugbellen vraagt (flow-out) meetellen als aangeboden en niet op tijd opgenomen.",
			"Count callers who chose a callback while queued (flow-outs) as offered and not answered in time.");

	private static final Parameter WINDOW = new Parameter("windowDays", "W", Type.DAYS, "7", List.of(),
			"Venster W: een nieuw contact binnen zoveel dagen na een eerder contact van dezelfde klant is herhaling.",
			"Window W: a new contact within this many days after an earlier one of the same customer is a repeat.");

	private static final Parameter SAME_REASON = new Parameter("sameReason", "sameReason", Type.BOOLEAN, "false",
			List.of(), "Alleen herhaling als de contactredenen gelijk zijn.",
			"Only a repeat when the contact reasons match.");

	private static final Parameter LEVEL = new Parameter("level", "level", Type.CHOICE, "team",
			List.of("team", "agent"), "team = doorverbonden naar een ander team; agent = elke doorverbinding naar een "
					+ "andere medewerker of een ander team.",
			"team = transferred to another team; agent = any transfer to another agent or team.");

	private static final Parameter EXCLUDE_CUSTOMER_WAIT = new Parameter("excludeCustomerWait", "excludeCustomerWait",
			Type.BOOLEAN, "true", List.of(),
			"Bij geschreven kanalen de tijd tussen een antwoord van de medewerker en het volgende bericht van de klant "
					+ "niet meetellen (wachten op de klant).",
			"For written channels, leave out the time between an agent's reply and the customer's next message "
					+ "(waiting for the customer).");

	private static final Parameter BOT_WINDOW = new Parameter("windowHours", "W", Type.HOURS, "24", List.of(),
			"Venster W: een nieuw contact van dezelfde klant binnen zoveel uur na het einde van het botgesprek maakt "
					+ "de afhandeling door de bot een valse afhandeling.",
			"Window W: a new contact of the same customer within this many hours after the bot conversation ended "
					+ "makes it a false containment.");

	private static final Parameter BOT_SAME_REASON = new Parameter("sameReason", "sameReason", Type.BOOLEAN, "false",
			List.of(), "Alleen een nieuw contact met dezelfde contactreden maakt het vals.",
			"Only a new contact with the same contact reason makes it false.");

	private static final String HANDLING_NL = " Afhandeltijd: een gesprek (telefoon) vanaf het opnemen (na doorverbinden "
			+ "via de wachtrij: vanaf de toewijzing aan de volgende medewerker), een geschreven "
			+ "contact vanaf de toewijzing aan een medewerker (assigned), tot het oplossen (resolved), doorverbinden, "
			+ "terugzetten in de wachtrij of afhaken; na het oplossen tot het einde van de nawerk-tijd (wrap_up_ended) "
			+ "als die gelogd is. Bij geschreven kanalen is de tijd van een antwoord van de medewerker tot het volgende "
			+ "bericht van de klant wachten op de klant (bij de afhandeltijd weggelaten als excludeCustomerWait=true).";

	private static final String HANDLING_EN = " Handling: a call from the answer (after a transfer through the queue: "
			+ "from its assignment to the next agent), a written contact from its assignment "
			+ "to an agent (assigned), until resolved, transferred, back in the queue or abandoned; after resolving "
			+ "until wrap-up ends (wrap_up_ended) when that is logged. On written channels the time from an agent's "
			+ "reply to the customer's next message is waiting for the customer (left out of handle time when "
			+ "excludeCustomerWait=true).";

	private static final String BOT_NL = " Een botgesprek is een contact waarin de bot iets deed. Overgedragen = een "
			+ "medewerker nam het over (bot_handoff, assigned of een eerste reactie van een medewerker). Afgehandeld = "
			+ "beëindigd (resolved of bot_contained) zonder overdracht, en dezelfde klant (samengevoegde klanten "
			+ "tellen als één) begon binnen W uur daarna geen nieuw contact, op welk kanaal ook. Vals afgehandeld = de "
			+ "bot gaf een antwoord (bot_answered) en toch volgde binnen W uur een nieuw contact. Volgde er een nieuw "
			+ "contact zonder dat de bot antwoordde, dan telt het gesprek als geen van beide. Noemer = botgesprekken "
			+ "uit de periode die beëindigd of overgedragen zijn; gesprekken die nog lopen tellen nog niet mee.";

	private static final String BOT_EN = " A bot conversation is a contact in which the bot acted. Handed off = a person "
			+ "took it over (bot_handoff, assigned or an agent's first response). Contained = ended (resolved or "
			+ "bot_contained) without a hand-off, and the same customer (merged customers count as one) started no "
			+ "other contact, on any channel, within W hours after. Falsely contained = the bot gave an answer "
			+ "(bot_answered) and another contact followed within W hours all the same. When another contact followed "
			+ "without a bot answer, the conversation counts as neither. Denominator = bot conversations of the "
			+ "period that ended or were handed off; conversations still going on are not counted yet.";

	private static final String QUEUE_NL = " Aangeboden (O) = het contact kwam in de wachtrij (queued), in de periode "
			+ "aangeboden (offered). Opgenomen (A) = eerste reactie van een medewerker (first_agent_response: eerste "
			+ "antwoord op een chat/e-mail, of het opnemen van een gesprek). Afgehaakt (Ab) = abandoned vóór "
			+ "opname. Flow-out = terugbelverzoek (callback_requested) terwijl het contact nog wachtte. Een contact dat "
			+ "nog wacht en korter dan T wacht, telt nog niet mee.";

	private static final String QUEUE_EN = " Offered (O) = the contact entered the queue (queued), offered in the "
			+ "period. Answered (A) = the first agent response (first_agent_response: the first reply to a chat or "
			+ "e-mail, or picking up a call). Abandoned (Ab) = abandoned before an answer. Flow-out = a callback "
			+ "requested (callback_requested) while still waiting. A contact still waiting for less than T is not "
			+ "counted yet.";

	private static final List<KpiDefinition> DEFINITIONS = List.of(
			new KpiDefinition(SERVICE_LEVEL, 1, "percent", "Serviceniveau", "Service level",
					"Deel van de aangeboden contacten dat binnen T seconden is opgenomen; hoe afhakers tellen, zegt "
							+ "de parameter abandons." + QUEUE_NL,
					"Share of offered contacts answered within T seconds; how abandons count is set by the "
							+ "abandons parameter." + QUEUE_EN,
					List.of(THRESHOLD, SHORT_ABANDON, ABANDONS, INCLUDE_IVR, INCLUDE_FLOW_OUTS)),
			new KpiDefinition(AVERAGE_SPEED_OF_ANSWER, 1, "seconds", "Gemiddelde wachttijd tot opname",
					"Average speed of answer",
					"Gemiddelde wachttijd (seconden) van de opgenomen contacten: teller = totale wachttijd, noemer = "
							+ "opgenomen contacten." + QUEUE_NL,
					"Mean wait (seconds) of the answered contacts: numerator = total wait, denominator = answered "
							+ "contacts." + QUEUE_EN,
					List.of(INCLUDE_IVR)),
			new KpiDefinition(ABANDONMENT_RATE, 1, "percent", "Afhaakpercentage", "Abandonment rate",
					"(Ab − Ab_S) / (O − Ab_S): afhakers zonder de korte afhakers, gedeeld door de aangeboden contacten "
							+ "zonder de korte afhakers." + QUEUE_NL,
					"(Ab − Ab_S) / (O − Ab_S): abandons without the short abandons over offered contacts without "
							+ "the short abandons." + QUEUE_EN,
					List.of(SHORT_ABANDON, INCLUDE_IVR, INCLUDE_FLOW_OUTS)),
			new KpiDefinition(REPEAT_CONTACT_RATE, 2, "percent", "Herhaalcontact", "Repeat-contact rate",
					"Contacten (gesprekken) in de periode waarvoor dezelfde klant binnen W dagen ervoor al een contact "
							+ "begon, op welk kanaal of merk ook / contacten in de periode. Samengevoegde klanten tellen "
							+ "als één klant. Het gesprek van een terugbelverzoek (wij bellen zoals beloofd) is een "
							+ "contact maar nooit een herhaling; wat de klant daarna doet, kan dat wel zijn.",
					"Contacts (conversations) in the period whose customer started another contact, on any channel "
							+ "or brand, within W days before / contacts in the period. Merged customers count as one. "
							+ "A callback's own conversation (we call as promised) is a contact but never a repeat; "
							+ "what the customer does after it may be.",
					List.of(WINDOW, SAME_REASON)),
			new KpiDefinition(FIRST_CONTACT_RESOLUTION, 2, "percent", "Oplossing bij eerste contact",
					"First-contact resolution",
					"Opgeloste contacten (resolved) uit de periode zonder nieuw contact van dezelfde klant tot W dagen "
							+ "na het oplossen en zonder heropening / opgeloste contacten uit de periode. Een "
							+ "terugbelgesprek is geen nieuw contact van de klant. Recente contacten kunnen nog "
							+ "terugvallen tot hun venster voorbij is.",
					"Resolved contacts of the period not followed by a new contact of the same customer until W days "
							+ "after resolving, and not reopened / resolved contacts of the period. A callback's "
							+ "conversation is not a new contact of the customer. Recent contacts can still drop out "
							+ "until their window has passed.",
					List.of(WINDOW, SAME_REASON)),
			new KpiDefinition(TRANSFER_RATE, 2, "percent", "Doorverbindpercentage", "Transfer rate",
					"Contacten die een medewerker behandelde (beantwoordde: first_agent_response, of oploste) en die "
							+ "minstens één keer zijn doorverbonden (transferred) / contacten die een medewerker "
							+ "behandelde. Alleen toegewezen is niet behandeld: een contact dat onbeantwoord terugging "
							+ "naar de wachtrij of afhaakte terwijl het overging, telt niet mee.",
					"Contacts an agent handled (answered: first_agent_response, or resolved) that were transferred "
							+ "at least once / contacts an agent handled. Assigned alone is not handled: a contact given "
							+ "back to the queue unanswered, or abandoned while it rang, is not counted.",
					List.of(LEVEL)),
			new KpiDefinition(INFORMATIONAL_SHARE, 1, "percent", "Informatief aandeel", "Informational share",
					"Opgeloste contacten waarvan de contactreden als informatief gemarkeerd was bij het oplossen / "
							+ "opgeloste contacten (met een reden).",
					"Resolved contacts whose reason was marked informational when resolved / resolved contacts "
							+ "(with a reason).",
					List.of()),
			new KpiDefinition(BACKLOG, 1, "contacts", "Werkvoorraad", "Backlog",
					"Contacten aangeboden in de periode die aan het einde ervan (of nu, als dat eerder is) open zijn "
							+ "en geen medewerker hebben.",
					"Contacts offered in the period that are open and have no agent at its end (or now, if "
							+ "earlier).",
					List.of()),
			new KpiDefinition(CSAT, 1, "percent", "Klanttevredenheid (CSAT)", "Customer satisfaction (CSAT)",
					"Contacten waarvan de klant de enquête beantwoordde met 4 of 5 op een schaal van 1 tot 5 / "
							+ "contacten met een CSAT-antwoord (survey_answered; het laatste antwoord telt).",
					"Contacts whose customer answered the survey with 4 or 5 on a scale of 1 to 5 / contacts with a "
							+ "CSAT answer (survey_answered; the latest answer counts).",
					List.of()),
			new KpiDefinition(CES, 1, "score", "Klantinspanning (CES)", "Customer effort (CES)",
					"Gemiddelde van de antwoorden op 'hoeveel moeite kostte het?' op een schaal van 1 (weinig) tot 7 "
							+ "(veel), per contact met een CES-antwoord (survey_answered; het laatste antwoord telt).",
					"Mean of the answers to 'how much effort did it take?' on a scale of 1 (little) to 7 (a lot), "
							+ "per contact with a CES answer (survey_answered; the latest answer counts).",
					List.of()),
			new KpiDefinition(HANDLE_TIME, 1, "seconds", "Gemiddelde afhandeltijd", "Average handle time",
					"Gemiddelde afhandeltijd (seconden) van de opgeloste contacten uit de periode die een medewerker "
							+ "behandelde: teller = totale afhandeltijd van alle medewerkers samen, noemer = die "
							+ "contacten." + HANDLING_NL,
					"Mean handling time (seconds) of the resolved contacts of the period that an agent handled: "
							+ "numerator = the total handling time of all agents together, denominator = those "
							+ "contacts." + HANDLING_EN,
					List.of(EXCLUDE_CUSTOMER_WAIT)),
			new KpiDefinition(OCCUPANCY, 1, "percent", "Bezetting", "Occupancy",
					"Tijd waarin medewerkers minstens één contact behandelden terwijl ze beschikbaar waren / tijd "
							+ "waarin ze beschikbaar waren, in de periode (tot nu). Beschikbaar = aanwezigheid "
							+ "'available' of 'busy' (presence_changed); 'away' en 'offline' tellen niet. Het team kiest "
							+ "de medewerkers; kanaal en merk kiezen welke contacten meetellen als behandeld. Wachten op "
							+ "de klant telt niet als behandelen." + HANDLING_NL,
					"Time in which agents handled at least one contact while available / time in which they were "
							+ "available, within the period (up to now). Available = presence 'available' or 'busy' "
							+ "(presence_changed); 'away' and 'offline' do not count. The team selects the agents; "
							+ "channel and brand select which contacts count as handling. Waiting for the customer "
							+ "is not handling." + HANDLING_EN,
					List.of()),
			new KpiDefinition(BOT_CONTAINMENT, 1, "percent", "Afhandeling door de bot", "Bot containment",
					"Botgesprekken die de bot afhandelde zonder medewerker en zonder nieuw contact binnen W uur / "
							+ "botgesprekken." + BOT_NL,
					"Bot conversations the bot contained, without an agent and without another contact within W "
							+ "hours / bot conversations." + BOT_EN,
					List.of(BOT_WINDOW, BOT_SAME_REASON)),
			new KpiDefinition(BOT_FALSE_CONTAINMENT, 2, "percent", "Valse afhandeling door de bot",
					"Bot false containment",
					"Botgesprekken waarin de bot een antwoord gaf en die zonder medewerker eindigden, maar binnen W "
							+ "uur toch tot een nieuw contact leidden / botgesprekken. Apart van de afhandeling "
							+ "getoond: een zeker maar fout antwoord kost meer dan een eerlijke overdracht." + BOT_NL,
					"Bot conversations in which the bot gave an answer and that ended without an agent, but were "
							+ "followed by another contact within W hours / bot conversations. Shown apart from "
							+ "containment: a confident wrong answer costs more than an honest hand-off." + BOT_EN,
					List.of(BOT_WINDOW, BOT_SAME_REASON)),
			new KpiDefinition(CALLBACK_PROMISE_KEPT, 2, "percent", "Terugbelbelofte nagekomen", "Callback promise kept",
					"Terugbelverzoeken uit de periode waarmee binnen het beloofde venster gesproken is "
							+ "(callback_connected, of callback_attempted met uitkomst connected) / terugbelverzoeken "
							+ "waarvan de belofte beslist is. Het venster staat in callback_requested: het gekozen "
							+ "tijdvak, of bij terugbellen op de plaats in de wachtrij de verwachte wachttijd bij het "
							+ "verzoek plus één tijdvak. Gebroken: buiten het venster gesproken, beëindigd zonder "
							+ "gesprek (callback_ended: geen gehoor, verkeerd nummer), of nog niet gesproken als het "
							+ "venster voorbij is. Een verzoek dat binnen het venster is geannuleerd of aan een lopend "
							+ "verzoek is gekoppeld, belooft zelf niets.",
					"Callbacks requested in the period that connected within the promised window "
							+ "(callback_connected, or callback_attempted with outcome connected) / callbacks whose "
							+ "promise is decided. The window is in callback_requested: the chosen slot, or for a "
							+ "callback that keeps the caller's place the expected wait at the request plus one slot. "
							+ "Broken: connected outside the window, ended without connecting (callback_ended: no "
							+ "answer, wrong number), or not connected once the window has passed. A request cancelled "
							+ "within its window, or linked to a pending one, promises nothing itself.",
					List.of()));

	private static final Map<String, KpiDefinition> BY_NAME = DEFINITIONS.stream()
		.collect(Collectors.toMap(KpiDefinition::name, Function.identity()));

	private KpiCatalogue() {
	}

	public static List<KpiDefinition> all() {
		return DEFINITIONS;
	}

	public static Optional<KpiDefinition> find(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}
}
