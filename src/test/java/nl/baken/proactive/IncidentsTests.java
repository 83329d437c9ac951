package nl.baken.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.RandomInput;
import nl.baken.access.Scope;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ConversationDetail;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.conversation.MessageView;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent.EventSubject;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Incidents: the audience query against stored events, linking inbound contacts and the bot's status answer. */
@DatabaseTest
class IncidentsTests extends ApiTestSupport {

	@Autowired
	Incidents incidents;

	@Autowired
	EventIntake intake;

	@Autowired
	Customers customers;

	@Autowired
	Conversations conversations;

	@Autowired
	Brands brands;

	@Autowired
	nl.baken.access.Users users;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theIncidentPagesNameTheBrand() throws Exception {
		String brand = "n" + UUID.randomUUID().toString().substring(0, 8);
		brands.define(brand, "Tuinmerk " + brand);
		Incident declared = incidents.declare(new NewIncident(brand, IncidentKind.OUTAGE, "Storing", "Outage",
				"We werken eraan.", "We are on it.", null,
				new IncidentAudience(List.of(unique("order")), List.of(), List.of(), List.of(), null, List.of())),
				Actor.system("test"));
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new nl.baken.access.NewUser(lead, "Lead", "merk-wachtwoord-1",
				java.util.EnumSet.of(nl.baken.access.Role.TEAM_LEAD), null, "nl"), Actor.system("test"));
		for (String page : List.of("/desk/incidents", "/desk/incidents/" + declared.id())) {
			assertThat(mvc.get()
				.uri(page)
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(lead))
				.exchange()
				.getResponse()
				.getContentAsString()).as(page).contains("Tuinmerk " + brand).doesNotContain(">" + brand + "<");
		}
	}

	/** Postcode ranges, random and overlapping, find exactly the customers with an event in one of them. */
	@Test
	void postcodeRangesFindExactlyTheCustomersInThem() {
		RandomInput.tries(8, random -> {
			String product = unique("product");
			Map<CustomerId, Integer> areaOf = new java.util.HashMap<>();
			int people = 5 + random.nextInt(15);
			for (int i = 0; i < people; i++) {
				CustomerId customer = customer(unique("p") + "@example.nl", null);
				int area = 1000 + random.nextInt(9000);
				String postcode = area + (random.nextBoolean() ? " AB" : random.nextBoolean() ? "cd" : "");
				intake.receive(new BusinessEvent(unique("e"), "order.shipped", Instant.now(),
						new EventSubject(email(customer), null, null, unique("o"), null, null, postcode, product),
						Map.of("carrier", "PostNL", "expectedDelivery", "2026-11-28")));
				areaOf.put(customer, area);
			}
			List<String> ranges = new ArrayList<>();
			int count = 1 + random.nextInt(3);
			for (int r = 0; r < count; r++) {
				int a = 1000 + random.nextInt(9000);
				int b = random.nextInt(4) == 0 ? a : Math.min(9999, Math.max(1000, a + random.nextInt(3000) - 1500));
				ranges.add(random.nextBoolean() ? a + "-" + b : a == b ? String.valueOf(a) : a + " - " + b);
			}
			IncidentAudience audience = new IncidentAudience(List.of(), ranges, List.of(product), List.of(), null);
			Set<CustomerId> expected = new HashSet<>();
			areaOf.forEach((customer, area) -> {
				if (audience.ranges().stream().anyMatch(range -> range.contains(area))) {
					expected.add(customer);
				}
			});
			assertThat(new HashSet<>(incidents.resolve(audience))).as("ranges %s over %s", ranges, areaOf)
				.isEqualTo(expected);
		});
	}

	@Test
	void ordersProductsDevicesAndBrandNarrowTheAudience() {
		String brand = "b" + UUID.randomUUID().toString().substring(0, 8);
		brands.define(brand, "Merk");
		CustomerId ofBrand = customer(unique("a") + "@example.nl", brand);
		CustomerId other = customer(unique("b") + "@example.nl", null);
		String order1 = unique("o");
		String order2 = unique("o");
		String device = unique("d");
		shipped(ofBrand, order1, "1011 AB", "bbq");
		shipped(other, order2, "1012 AB", "bbq");
		intake.receive(new BusinessEvent(unique("t"), "device.telemetry", Instant.now(),
				new EventSubject(email(other), null, null, null, null, device, null, null),
				Map.of("metric", "temperature", "value", 90, "unit", "C")));

		assertThat(incidents.resolve(audience(List.of(order1, order2), List.of(), List.of(), null)))
			.containsExactlyInAnyOrder(ofBrand, other);
		assertThat(incidents.resolve(audience(List.of(order1, order2), List.of(), List.of(), brand)))
			.containsExactly(ofBrand);
		assertThat(incidents.resolve(new IncidentAudience(List.of(order1, order2), List.of("1012"), List.of(),
				List.of(), null))).containsExactly(other);
		assertThat(incidents.resolve(new IncidentAudience(List.of(), List.of(), List.of(), List.of(device), null)))
			.containsExactly(other);
		assertThat(incidents.resolve(audience(List.of(unique("none")), List.of(), List.of(), null))).isEmpty();
	}

	/**
	 * Customer segments, set through the API: alone they select every customer in them, with other criteria they
	 * narrow them; a segment that is not one is refused with the field named, by the API and by the audience.
	 */
	@Test
	void segmentsSelectTheirCustomersAloneOrNarrowTheOtherCriteria() throws Exception {
		String vip = "vip-" + UUID.randomUUID().toString().substring(0, 8);
		String business = "zakelijk-" + UUID.randomUUID().toString().substring(0, 8);
		CustomerId inVip = customer(unique("s") + "@example.nl", null);
		CustomerId alsoVip = customer(unique("s") + "@example.nl", null);
		CustomerId inBusiness = customer(unique("s") + "@example.nl", null);
		CustomerId none = customer(unique("s") + "@example.nl", null);
		String order = unique("o");
		shipped(inVip, order, "1011 AB", "bbq");
		shipped(none, order, "1011 AC", "bbq");
		assertThat(putSegment(inVip, "{\"segment\":\"" + vip + "\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.segment")
			.isEqualTo(vip);
		assertThat(putSegment(alsoVip, "{\"segment\":\"" + vip + "\"}")).hasStatusOk();
		customers.updateSegment(inBusiness, business, Actor.system("test"));

		assertThat(incidents.resolve(new IncidentAudience(List.of(), List.of(), List.of(), List.of(), null,
				List.of(vip)))).containsExactlyInAnyOrder(inVip, alsoVip);
		assertThat(incidents.resolve(new IncidentAudience(List.of(), List.of(), List.of(), List.of(), null,
				List.of(vip, business)))).containsExactlyInAnyOrder(inVip, alsoVip, inBusiness);
		assertThat(incidents.resolve(new IncidentAudience(List.of(order), List.of(), List.of(), List.of(), null,
				List.of(vip)))).containsExactly(inVip);
		assertThat(incidents.resolve(new IncidentAudience(List.of(order), List.of(), List.of(), List.of(), null,
				List.of(business)))).isEmpty();

		Incident declared = incidents.declare(new NewIncident(null, IncidentKind.OUTAGE, "Storing voor vip",
				"Outage for vip", "We werken eraan.", "We are on it.", null,
				new IncidentAudience(List.of(), List.of(), List.of(), List.of(), null, List.of(vip))),
				Actor.system("test"));
		assertThat(incidents.affected(declared.id())).containsExactlyInAnyOrder(inVip, alsoVip);
		assertThat(incidents.find(declared.id()).orElseThrow().audience().segments()).containsExactly(vip);

		// the desk form: segments typed as text, shown on the incident page
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new nl.baken.access.NewUser(lead, "Lead", "segment-wachtwoord-1",
				java.util.EnumSet.of(nl.baken.access.Role.TEAM_LEAD), null, "en"), Actor.system("test"));
		var form = mvc.post()
			.uri("/desk/incidents")
			.param("kind", "outage")
			.param("titleNl", "Storing")
			.param("titleEn", "Outage")
			.param("statusNl", "We werken eraan.")
			.param("statusEn", "We are on it.")
			.param("segments", vip + ", " + business)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(lead))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.exchange();
		assertThat(form).hasStatus(org.springframework.http.HttpStatus.FOUND);
		String location = form.getResponse().getRedirectedUrl();
		assertThat(incidents.affected(UUID.fromString(location.substring("/desk/incidents/".length()))))
			.containsExactlyInAnyOrder(inVip, alsoVip, inBusiness);
		assertThat(mvc.get()
			.uri(location)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(lead))
			.exchange()
			.getResponse()
			.getContentAsString()).contains("id=\"audience-segments\"", vip + ", " + business);

		// clearing takes the customer out of the segment
		customers.updateSegment(alsoVip, null, Actor.system("test"));
		assertThat(customers.profile(alsoVip).orElseThrow().segment()).isNull();
		assertThat(incidents.resolve(new IncidentAudience(List.of(), List.of(), List.of(), List.of(), null,
				List.of(vip)))).containsExactly(inVip);

		assertThat(putSegment(none, "{\"segment\":\"VIP klanten\"}"))
			.hasStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("segment");
		assertThatThrownBy(() -> new IncidentAudience(List.of(), List.of(), List.of(), List.of(), null,
				List.of("VIP klanten"))).extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("audience.segments");
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult putSegment(CustomerId customer, String body) {
		return mvc.put()
			.uri("/api/v1/customers/" + customer.value() + "/segment")
			.header("Authorization", token(Scope.CUSTOMERS_WRITE))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	@Test
	void aDeclarationNeedsTitlesStatusesAndAnAudience() {
		IncidentAudience audience = audience(List.of("o-1"), List.of(), List.of(), null);
		assertThatThrownBy(() -> incidents.declare(new NewIncident(null, IncidentKind.OUTAGE, " ", "Outage", "Storing",
				"Outage", null, audience), Actor.system("test"))).isInstanceOf(InvalidInputException.class)
			.extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("titleNl");
		assertThatThrownBy(() -> incidents.declare(new NewIncident(null, IncidentKind.OUTAGE, "Storing", "Outage",
				"Storing", null, null, audience), Actor.system("test")))
			.extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("statusEn");
		assertThatThrownBy(() -> incidents.declare(new NewIncident(null, IncidentKind.OUTAGE, "Storing", "Outage",
				"Storing", "Outage", null, audience(List.of(), List.of(), List.of(), null)), Actor.system("test")))
			.extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("audience");
		assertThatThrownBy(() -> new IncidentAudience(List.of(), List.of("10-20"), List.of(), List.of(), null))
			.extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("audience.postcodeRanges");
		assertThatThrownBy(() -> incidents.declare(new NewIncident("no-such-brand", IncidentKind.OUTAGE, "Storing",
				"Outage", "Storing", "Outage", null, audience), Actor.system("test")))
			.extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("brandId");
	}

	@Test
	void updatesAreNumberedAddNewCustomersAndEndingCloses() {
		CustomerId first = customer(unique("u") + "@example.nl", null);
		String order = unique("o");
		shipped(first, order, "3511 AA", "tuinset");
		Incident incident = incidents.declare(delay(List.of(order)), Actor.system("test"));
		assertThat(incident.open()).isTrue();
		assertThat(incident.current().seq()).isEqualTo(1);
		assertThat(incidents.affected(incident.id())).containsExactly(first);

		CustomerId late = customer(unique("u") + "@example.nl", null);
		shipped(late, order, "3511 AB", "tuinset");
		Incident updated = incidents.update(incident.id(), "Morgen", "Tomorrow", null, Actor.system("test"));
		assertThat(updated.updates()).extracting(Incident.Update::seq).containsExactly(1, 2);
		assertThat(updated.current().audienceSize()).isEqualTo(2);
		assertThat(incidents.affected(incident.id())).containsExactlyInAnyOrder(first, late);
		assertThat(incidents.openFor(late)).extracting(Incident::id).contains(incident.id());

		Incident ended = incidents.end(incident.id(), "Alles is bezorgd", "All delivered", Actor.system("test"));
		assertThat(ended.open()).isFalse();
		assertThat(ended.endedAt()).isNotNull();
		assertThat(incidents.openFor(late)).extracting(Incident::id).doesNotContain(incident.id());
		assertThatThrownBy(() -> incidents.update(incident.id(), "Nog iets", "More", null, Actor.system("test")))
			.isInstanceOf(RuleViolationException.class);
	}

	/**
	 * A message from an affected customer is linked to the open incident and answered once per status with that
	 * status, in the conversation's language; unaffected customers are neither linked nor answered.
	 */
	@Test
	void anAffectedCustomersMessageIsLinkedAndTheBotAnswersWithTheStatus() {
		String email = unique("link") + "@example.nl";
		CustomerId affected = customer(email, null);
		String order = unique("o");
		shipped(affected, order, "1011 AB", "parasol");
		Incident incident = incidents.declare(new NewIncident(null, IncidentKind.DELIVERY_DELAY,
				"Pakketten later", "Parcels delayed", "Uw pakket komt een dag later.", "Your parcel arrives a day late.",
				Instant.parse("2026-11-28T17:00:00Z"), audience(List.of(order), List.of(), List.of(), null)),
				Actor.system("test"));

		InboundReceipt receipt = message(email, "en", "Where is my parcel?");
		ConversationDetail detail = conversations.detail(new ConversationId(receipt.conversationId())).orElseThrow();
		assertThat(detail.events()).filteredOn(e -> e.type() == ContactEventType.INCIDENT_LINKED)
			.singleElement()
			.satisfies(e -> {
				assertThat(e.attributes()).containsEntry("incidentId", incident.id().toString());
				assertThat(e.attributes()).containsEntry("titleEn", "Parcels delayed");
			});
		List<MessageView> bot = botMessages(detail);
		assertThat(bot).singleElement().satisfies(m -> {
			assertThat(m.text()).contains("Parcels delayed", "Your parcel arrives a day late.", "28-11-2026 18:00");
			assertThat(m.text()).doesNotContain("Uw pakket");
		});
		assertThat(detail.events()).filteredOn(e -> e.type() == ContactEventType.BOT_ANSWERED).hasSize(1);
		assertThat(incidents.linkedCount(incident.id())).isEqualTo(1);

		// the same status is not repeated in the same conversation; a new status is given once
		message(email, "en", "Still nothing");
		assertThat(botMessages(conversations.detail(new ConversationId(receipt.conversationId())).orElseThrow()))
			.hasSize(1);
		incidents.update(incident.id(), "Morgen tussen 9 en 12 uur.", "Tomorrow between 9 and 12.", null,
				Actor.system("test"));
		message(email, "en", "And now?");
		ConversationDetail after = conversations.detail(new ConversationId(receipt.conversationId())).orElseThrow();
		assertThat(botMessages(after)).hasSize(2).last().satisfies(m -> assertThat(m.text()).contains("Tomorrow between 9 and 12."));
		assertThat(after.events()).filteredOn(e -> e.type() == ContactEventType.INCIDENT_LINKED).hasSize(1);
		assertThat(incidents.linkedCount(incident.id())).isEqualTo(1);

		// Dutch for a Dutch conversation
		String dutch = unique("nl") + "@example.nl";
		CustomerId dutchCustomer = customer(dutch, null);
		shipped(dutchCustomer, order, "1011 AC", "parasol");
		incidents.update(incident.id(), "Morgen tussen 9 en 12 uur.", "Tomorrow between 9 and 12.", null,
				Actor.system("test"));
		InboundReceipt nl = message(dutch, "nl", "Waar blijft mijn pakket?");
		assertThat(botMessages(conversations.detail(new ConversationId(nl.conversationId())).orElseThrow()))
			.singleElement()
			.satisfies(m -> assertThat(m.text()).contains("Pakketten later", "Morgen tussen 9 en 12 uur."));

		String outsider = unique("out") + "@example.nl";
		InboundReceipt other = message(outsider, "nl", "Waar blijft mijn pakket?");
		ConversationDetail otherDetail = conversations.detail(new ConversationId(other.conversationId())).orElseThrow();
		assertThat(otherDetail.events()).noneMatch(e -> e.type() == ContactEventType.INCIDENT_LINKED);
		assertThat(botMessages(otherDetail)).isEmpty();

		// after the end nothing is linked any more
		incidents.end(incident.id(), "Alles bezorgd.", "All delivered.", Actor.system("test"));
		InboundReceipt afterEnd = message(email, "en", "Thanks");
		assertThat(afterEnd.conversationId()).isEqualTo(receipt.conversationId());
		assertThat(botMessages(conversations.detail(new ConversationId(afterEnd.conversationId())).orElseThrow()))
			.hasSize(2);
	}

	/**
	 * "Is any incident open?" is asked once per transaction (a group of inbound messages), so declaring one must make
	 * the transaction ask again: a later message in it is linked.
	 */
	@Test
	void aMessageAfterTheDeclarationInTheSameTransactionIsLinked() {
		// incidents other tests left open would answer the first question "yes" before the declaration
		jdbc.sql("update incident set state = 'ended' where state = 'open'").update();
		String email = unique("same-tx") + "@example.nl";
		CustomerId affected = customer(email, null);
		String order = unique("o");
		shipped(affected, order, "1011 AD", "parasol");
		InboundReceipt[] receipts = new TransactionTemplate(transactionManager).execute(status -> {
			InboundReceipt before = message(email, "en", "Hello?");
			incidents.declare(delay(List.of(order)), Actor.system("test"));
			return new InboundReceipt[] { before, message(email, "en", "Where is my parcel?") };
		});
		assertThat(receipts[1].conversationId()).isEqualTo(receipts[0].conversationId());
		ConversationDetail detail = conversations.detail(new ConversationId(receipts[1].conversationId()))
			.orElseThrow();
		assertThat(detail.events()).filteredOn(e -> e.type() == ContactEventType.INCIDENT_LINKED).hasSize(1);
	}

	/** With two comparable past incidents of the brand, their contacts per affected customer set the expectation. */
	@Test
	void contactsPreventedComparesWithPastIncidentsOfTheSameKindAndBrand() {
		String brand = "p" + UUID.randomUUID().toString().substring(0, 8);
		brands.define(brand, "Merk");
		// past incident 1: two affected customers, both got in touch
		List<String> first = affectedCustomers(2);
		Incident one = declare(brand, first);
		first.forEach(order -> message(emailOfOrder.get(order), "nl", "Waar blijft het?"));
		incidents.end(one.id(), "Opgelost", "Solved", Actor.system("test"));
		// past incident 2: two affected customers, nobody got in touch
		Incident two = declare(brand, affectedCustomers(2));
		incidents.end(two.id(), "Opgelost", "Solved", Actor.system("test"));
		// now: four affected, one gets in touch (twice, in one conversation: one contact)
		List<String> now = affectedCustomers(4);
		Incident current = declare(brand, now);
		message(emailOfOrder.get(now.getFirst()), "nl", "Waar blijft het?");
		message(emailOfOrder.get(now.getFirst()), "nl", "Hallo?");

		ContactsPrevented kpi = incidents.prevented(current.id());
		assertThat(kpi.baseline()).isEqualTo("past-incidents");
		assertThat(kpi.basis()).isEqualTo(2);
		assertThat(kpi.affected()).isEqualTo(4);
		assertThat(kpi.came()).isEqualTo(1);
		assertThat(kpi.rate()).isEqualTo(0.5);
		assertThat(kpi.expected()).isEqualTo(2.0);
		assertThat(kpi.prevented()).isEqualTo(1.0);
		assertThat(incidents.prevented(one.id()).came()).isEqualTo(2);
		assertThat(incidents.prevented(one.id()).baseline()).isEqualTo("unaffected");
	}

	private Incident declare(String brand, List<String> orders) {
		return incidents.declare(new NewIncident(brand, IncidentKind.DELIVERY_DELAY, "Vertraging", "Delay",
				"Een dag later.", "A day late.", null, audience(orders, List.of(), List.of(), null)),
				Actor.system("test"));
	}

	/** New customers with one shipped order each; answers their order ids, and remembers their e-mail by order. */
	private List<String> affectedCustomers(int count) {
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String email = unique("k") + "@example.nl";
			String order = unique("o");
			shipped(customer(email, null), order, "2000 AB", "schep");
			orders.add(order);
			emailOfOrder.put(order, email);
		}
		return orders;
	}

	private final Map<String, String> emailOfOrder = new java.util.HashMap<>();

	private static List<MessageView> botMessages(ConversationDetail detail) {
		return detail.messages().stream().filter(m -> "bot".equals(m.authorKind())).toList();
	}

	private InboundReceipt message(String email, String language, String text) {
		Instant now = Instant.now();
		return conversations.receive(new InboundMessage("email", unique("mail"),
				new IdentityClaim(List.of(Identity.email(email)), null, null, now), null, language, "Pakket", text, null,
				List.of(), now, now));
	}

	private NewIncident delay(List<String> orders) {
		return new NewIncident(null, IncidentKind.DELIVERY_DELAY, "Vertraging", "Delay", "Een dag later.",
				"A day late.", null, audience(orders, List.of(), List.of(), null));
	}

	private static IncidentAudience audience(List<String> orders, List<String> ranges, List<String> products,
			String brand) {
		return new IncidentAudience(orders, ranges, products, List.of(), brand);
	}

	private void shipped(CustomerId customer, String order, String postcode, String product) {
		intake.receive(new BusinessEvent(unique("e"), "order.shipped", Instant.now(),
				new EventSubject(email(customer), null, null, order, null, null, postcode, product),
				Map.of("carrier", "PostNL", "expectedDelivery", "2026-11-28")));
	}

	private final Map<CustomerId, String> emails = new java.util.concurrent.ConcurrentHashMap<>();

	private String email(CustomerId customer) {
		return emails.get(customer);
	}

	private CustomerId customer(String email, String brand) {
		CustomerId id = new TransactionTemplate(transactionManager).execute(status -> customers
			.resolve(new IdentityClaim(List.of(Identity.email(email)), "Klant", brand, Instant.now())));
		emails.put(id, email);
		return id;
	}
}
