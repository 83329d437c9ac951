package nl.baken.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent;
import nl.baken.proactive.BusinessEvent.EventSubject;
import nl.baken.proactive.IncidentAudience;
import nl.baken.proactive.IncidentKind;
import nl.baken.proactive.Incidents;
import nl.baken.proactive.NewIncident;
import nl.baken.proactive.EventIntake;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's business events and incident: the shop's orders shipped to customers in Utrecht (35xx) and Amsterdam
 * (10xx), and an open delivery delay for the Utrecht orders, so the incident page shows messages, a linked question
 * the bot answered, and contacts prevented. The Amsterdam orders ({@link #AMSTERDAM_ORDERS}) are there to declare a
 * delay for by hand on the incident page. Seeded when no business event exists yet.
 */
@Component
@Order(6)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoIncidents implements ApplicationRunner {

	/** Named in the README: declare a delay for these on {@code /desk/incidents}. */
	static final List<String> AMSTERDAM_ORDERS = List.of("TH-20261101", "TH-20261102", "TH-20261103",
			"KG-20261104", "KG-20261105");

	private static final Logger log = LoggerFactory.getLogger(DemoIncidents.class);

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	/** A customer of the demo shop with an order on its way. */
	record Buyer(String name, String email, String language, String brand, String order, String postcode,
			String product, boolean consent) {
	}

	static final List<Buyer> BUYERS = List.of(
			new Buyer("Sanne Visser", "sanne.visser@example.nl", "nl", "tuinhuys", "TH-20261001", "3511 AB",
					"loungeset Capri", true),
			new Buyer("Daan Mulder", "daan.mulder@example.nl", "nl", "tuinhuys", "TH-20261002", "3521 CD",
					"parasol Riva", true),
			new Buyer("Emma de Boer", "emma.deboer@example.nl", "nl", "kookgraag", "KG-20261003", "3533 EF",
					"pannenset Pro", true),
			new Buyer("Olivia Brown", "olivia.brown@example.com", "en", "tuinhuys", "TH-20261004", "3544 GH",
					"loungeset Capri", true),
			new Buyer("Lucas Smit", "lucas.smit@example.nl", "nl", "kookgraag", "KG-20261005", "3555 JK",
					"messenblok Chef", true),
			new Buyer("Priya Sharma", "priya.sharma@example.com", "en", "tuinhuys", "TH-20261006", "3566 LM",
					"tuinkussens Set", false),
			new Buyer("Noah Bakker", "noah.bakker@example.nl", "nl", "tuinhuys", "TH-20261007", "3581 NP",
					"parasol Riva", true),
			new Buyer("Julia Meijer", "julia.meijer@example.nl", "nl", "tuinhuys", AMSTERDAM_ORDERS.get(0), "1011 AB",
					"loungeset Capri", true),
			new Buyer("Wei Chen", "wei.chen@example.com", "en", "tuinhuys", AMSTERDAM_ORDERS.get(1), "1017 CD",
					"parasol Riva", true),
			new Buyer("Tess Jansen", "tess.jansen@example.nl", "nl", "tuinhuys", AMSTERDAM_ORDERS.get(2), "1054 EF",
					"tuinkussens Set", true),
			new Buyer("Milan de Vries", "milan.devries@example.nl", "nl", "kookgraag", AMSTERDAM_ORDERS.get(3),
					"1072 GH", "pannenset Pro", true),
			new Buyer("Sofia Rossi", "sofia.rossi@example.com", "en", "kookgraag", AMSTERDAM_ORDERS.get(4), "1091 JK",
					"messenblok Chef", true));

	private final EventIntake intake;

	private final Incidents incidents;

	private final Customers customers;

	private final Conversations conversations;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DemoIncidents(EventIntake intake, Incidents incidents, Customers customers, Conversations conversations,
			TransactionTemplate transactions, Clock clock) {
		this.intake = intake;
		this.incidents = incidents;
		this.customers = customers;
		this.conversations = conversations;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (intake.anyStored()) {
			return;
		}
		Instant now = clock.instant();
		Actor demo = Actor.system("demo");
		String delivery = LocalDate.now(clock.withZone(ZONE)).plusDays(1).toString();
		var incident = transactions.execute(status -> {
			for (int i = 0; i < BUYERS.size(); i++) {
				Buyer buyer = BUYERS.get(i);
				CustomerId customer = customers.resolve(new IdentityClaim(List.of(Identity.email(buyer.email())),
						buyer.name(), buyer.brand(), now.minus(Duration.ofDays(20))));
				customers.updatePreferences(customer, "email", buyer.language(),
						new CustomerProfile.Consent(buyer.consent(), false, false), demo);
				Instant shipped = now.minus(Duration.ofHours(30 - i));
				intake.receive(new BusinessEvent("demo-ship-" + buyer.order(), "order.shipped", shipped,
						new EventSubject(buyer.email(), null, null, buyer.order(), "3S" + buyer.order().substring(3),
								null, buyer.postcode(), buyer.product()),
						Map.of("carrier", "PostNL", "expectedDelivery", delivery)));
				if (buyer.postcode().startsWith("35")) {
					intake.receive(new BusinessEvent("demo-delay-" + buyer.order(), "order.delayed",
							now.minus(Duration.ofHours(3)),
							new EventSubject(buyer.email(), null, null, buyer.order(), null, null, buyer.postcode(),
									buyer.product()),
							Map.of("expectedDelivery", LocalDate.parse(delivery).plusDays(1).toString())));
				}
			}
			return incidents.declare(new NewIncident("tuinhuys", IncidentKind.DELIVERY_DELAY,
					"Bezorging in regio Utrecht een dag later",
					"Deliveries in the Utrecht area one day late",
					"Door een storing in het sorteercentrum van PostNL in Nieuwegein komen pakketten in de regio Utrecht "
							+ "een dag later. U hoeft niets te doen: uw pakket komt vanzelf.",
					"A fault at PostNL's sorting centre in Nieuwegein delays parcels in the Utrecht area by one day. "
							+ "You need not do anything: your parcel will arrive.",
					LocalDate.parse(delivery).plusDays(1).atTime(18, 0).atZone(ZONE).toInstant(),
					new IncidentAudience(List.of(), List.of("3500-3599"), List.of(), List.of(), null)), demo);
		});
		// one affected customer asks anyway: the conversation is linked and the bot answers with the status (by mail)
		Buyer asking = BUYERS.get(3);
		Instant at = clock.instant();
		conversations.receive(new InboundMessage("email", "demo-incident-question-1",
				new IdentityClaim(List.of(Identity.email(asking.email())), asking.name(), asking.brand(), at),
				asking.brand(), asking.language(), "Where is my order " + asking.order() + "?",
				"Hi, my loungeset was supposed to arrive tomorrow. Is it still coming?", null, List.of(), at, at));
		log.info("Demo incidents: {} orders shipped, incident {} open for the Utrecht area", BUYERS.size(),
				incident.id());
	}
}
