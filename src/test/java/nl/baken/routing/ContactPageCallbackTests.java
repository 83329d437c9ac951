package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.knowledge.ContactTopic;
import nl.baken.knowledge.ContactTopics;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * The contact page's expected waits and callback form: CSRF, readable refusals that keep what was typed, a modest
 * limit per visitor, and a booking that is a routed callback of the customer found by the phone number, on the team
 * lead's callback page.
 */
@DatabaseTest
class ContactPageCallbackTests extends RoutingTestSupport {

	@Autowired
	Callbacks callbacks;

	@Autowired
	ContactTopics topics;

	@Autowired
	Customers customers;

	@Autowired
	ContactEvents events;

	@Autowired
	CallbackWording wording;

	String admin;

	String topic;

	@BeforeEach
	void topic() {
		admin = token();
		topic = unique("t-");
		topics.define(new ContactTopic(topic, "Bezorging", "Delivery", null, "bezorging@example.org", "+31201234567",
				null, "ma–vr 8–20", "Mon–Fri 8–20", 1));
	}

	String phoneAgent(int load) throws Exception {
		String agent = agent(null);
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent,
				"{\"languages\":[\"nl\"],\"capacity\":{\"phone\":1,\"email\":5,\"webchat\":0,\"whatsapp\":0}}"));
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"available\"}"));
		if (load > 0) {
			jdbc.sql("update routing_agent set load_units = ? where agent_id = ?").params(load, agent).update();
		}
		return agent;
	}

	static String mobile() {
		return "061" + (1_000_000 + (int) (Math.random() * 8_999_999));
	}

	MvcTestResult post(String lang, String phone, String when, String reason, String ip, String visitor) {
		return mvc.post()
			.uri("/contact/" + lang + "/callback")
			.param("topic", topic)
			.param("q", "waar blijft mijn pakket")
			.param("phone", phone)
			.param("when", when)
			.param("reason", reason)
			.cookie(new Cookie("baken_visitor", visitor))
			.with(r -> {
				r.setRemoteAddr(ip);
				return r;
			})
			.with(csrf())
			.exchange();
	}

	static String visitor() {
		return UUID.randomUUID().toString();
	}

	static String ip() {
		return "10.7." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
	}

	/** Callbacks of this test must not become the calls other tests count. */
	@AfterEach
	void endOwnCallbacks() {
		jdbc.sql("delete from callback_pending").update();
		jdbc.sql("update callback set status = 'cancelled' where status in ('scheduled', 'queued')").update();
	}

	@Test
	void theWaitReadsHonestlyWhenNobodyIsThereAndAsMinutesWhenSomeoneIs() throws Exception {
		String nobody = page("/contact/en?q=parcel&reach=true");
		assertThat(nobody).contains("No estimate right now: nobody who answers this channel is available");
		assertThat(routing.expectedWait("phone", null).known()).isFalse();

		// callbacks other tests left become calls now, and leave the queue, so that this test counts its own
		while (callbacks.queueDue() > 0) {
		}
		jdbc.sql("update routing_work set status = 'cancelled' where status = 'waiting'").update();
		phoneAgent(0);
		assertThat(routing.expectedWait("phone", null).expectedWaitSeconds()).isZero();
		assertThat(page("/contact/nl?q=pakket&reach=true")).contains("Nu geen wachttijd");
		// three calls already wait for the only agent: the fourth waits three handling times (default 6 minutes)
		for (int i = 0; i < 3; i++) {
			callbacks.request(new CallbackRequest(mobile(), "in_queue", "api", null, null, null, "nl", null, null,
					null), Actor.system("test"));
		}
		clock.advance(Duration.ofSeconds(1));
		callbacks.queueDue();
		QueueWait wait = routing.expectedWait("phone", null);
		assertThat(wait.waiting()).isEqualTo(3);
		assertThat(wait.expectedWaitSeconds()).isEqualTo(3L * routing.handleSeconds("phone"));
		assertThat(page("/contact/en?q=parcel&reach=true"))
			.contains("Expected wait: about " + (3 * routing.handleSeconds("phone") + 59) / 60 + " minutes");
		// the same for the IVR and other clients, before there is a contact
		String ivr = token(nl.baken.access.Scope.CALLBACKS_WRITE);
		JsonNode api = ok(send("GET", ivr, "/api/v1/routing/wait?channel=phone", null));
		assertThat(api.get("waiting").asInt()).isEqualTo(3);
		assertThat(api.get("expectedWaitSeconds").asLong()).isEqualTo(3L * routing.handleSeconds("phone"));
		assertThat(ok(send("GET", ivr, "/api/v1/routing/wait?channel=email", null)).get("expectedWaitSeconds")
			.asLong()).isZero();
		assertThat(send("GET", ivr, "/api/v1/routing/wait?channel=pigeon", null)).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aCallbackFromTheContactPageIsRoutedWorkOfTheCustomerAndOnTheTeamLeadsPage() throws Exception {
		phoneAgent(0);
		String phone = mobile();
		String visitor = visitor();
		MvcTestResult booked = post("nl", phone, "queue", "Pakket <b>kwijt</b>", ip(), visitor);
		assertThat(booked).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/contact/nl/callback/booked");
		// the confirmation travels in the (database) session, as in a browser
		Cookie session = booked.getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();
		var shown = mvc.get().uri("/contact/nl/callback/booked").cookie(session).exchange();
		assertThat(shown).hasStatusOk();
		String confirmation = shown.getResponse().getContentAsString();
		String e164 = Identity.phone(phone).value();
		assertThat(confirmation).contains("Je terugbelverzoek staat genoteerd", "We bellen je terug op " + e164,
				"zodra je aan de beurt bent", "Je bent nummer 1 in de wachtrij.");
		// a reload of the confirmation books nothing and shows the contact page again
		assertThat(mvc.get().uri("/contact/nl/callback/booked").cookie(session)).hasRedirectedUrl("/contact/nl");

		CustomerId customer = customers.findByIdentity(Identity.phone(phone)).orElseThrow();
		CallbackView callback = callbacks.pending()
			.stream()
			.filter(c -> c.customerId().equals(customer.value()))
			.findFirst()
			.orElseThrow();
		assertThat(callback.origin()).isEqualTo("contact_page");
		assertThat(callback.kind()).isEqualTo("in_queue");
		assertThat(callback.topic()).isEqualTo(topic);
		assertThat(callback.language()).isEqualTo("nl");
		assertThat(callback.reason()).isEqualTo("Pakket <b>kwijt</b>");
		List<ContactEvent> logged = events.between(Instant.EPOCH, clock.instant().plusSeconds(1),
				List.of(ContactEventType.CALLBACK_REQUESTED, ContactEventType.CONTACTED_ANYWAY));
		assertThat(logged).anySatisfy(e -> {
			assertThat(e.type()).isEqualTo(ContactEventType.CALLBACK_REQUESTED);
			assertThat(e.customerId()).isEqualTo(customer.value());
			assertThat(e.attributes()).containsEntry("callbackId", callback.id().toString());
		});
		assertThat(logged).anySatisfy(e -> assertThat(e.attributes()).containsEntry("session", visitor)
			.containsEntry("contactChannel", "callback"));

		String lead = "lead" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Lead", "correct horse battery", EnumSet.of(Role.TEAM_LEAD), null, "en"),
				Actor.system("test"));
		var desk = mvc.get().uri("/desk/callbacks").with(user(lead)).exchange();
		assertThat(desk).hasStatusOk();
		assertThat(desk.getResponse().getContentAsString()).contains(e164, "Pakket &lt;b&gt;kwijt&lt;/b&gt;",
				"/desk/callbacks/" + callback.id() + "/cancel");

		// an agent may not cancel it; the team lead may, once
		String agent = agent(null);
		assertThat(mvc.post().uri("/desk/callbacks/" + callback.id() + "/cancel").with(user(agent)).with(csrf()))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.post().uri("/desk/callbacks/" + callback.id() + "/cancel").with(user(lead)))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.post().uri("/desk/callbacks/" + callback.id() + "/cancel").with(user(lead)).with(csrf()))
			.hasRedirectedUrl("/desk/callbacks");
		assertThat(callbacks.find(callback.id()).orElseThrow().status()).isEqualTo("cancelled");
		assertThat(mvc.post().uri("/desk/callbacks/" + callback.id() + "/cancel").with(user(lead)).with(csrf()))
			.hasRedirectedUrl("/desk/callbacks?error=desk.error.notAllowed");
		assertThat(mvc.get().uri("/desk/callbacks?error=desk.error.notAllowed").with(user(lead)).exchange()
			.getResponse().getContentAsString()).contains("class=\"error\"").doesNotContain(e164);
	}

	@Test
	void aSlotFromTheFormIsBookedAndAGoneSlotIsAReadableMessage() throws Exception {
		phoneAgent(0);
		List<CallbackSlot> slots = callbacks.slots(2);
		assertThat(slots).isNotEmpty();
		assertThat(page("/contact/en?q=parcel&reach=true")).contains("value=\"" + slots.getFirst().start() + "\"");
		String phone = mobile();
		assertThat(post("en", phone, slots.getFirst().start().toString(), "", ip(), visitor()))
			.hasRedirectedUrl("/contact/en/callback/booked");
		CustomerId customer = customers.findByIdentity(Identity.phone(phone)).orElseThrow();
		assertThat(callbacks.pending()).anySatisfy(c -> {
			assertThat(c.customerId()).isEqualTo(customer.value());
			assertThat(c.kind()).isEqualTo("scheduled");
			assertThat(c.promisedFrom()).isEqualTo(slots.getFirst().start());
		});

		MvcTestResult gone = post("en", mobile(), "2020-01-01T10:00:00Z", "", ip(), visitor());
		assertThat(gone).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(gone.getResponse().getContentAsString()).contains("This time can no longer be picked.");
		assertThat(post("en", mobile(), "tomorrow-ish", "", ip(), visitor())).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aSecondRequestForTheSameNumberIsNotToldWhenTheFirstOneWillBeCalled() throws Exception {
		phoneAgent(0);
		List<CallbackSlot> slots = callbacks.slots(2);
		assertThat(slots).isNotEmpty();
		String phone = mobile();
		String e164 = Identity.phone(phone).value();
		assertThat(post("nl", phone, slots.getFirst().start().toString(), "", ip(), visitor()))
			.hasRedirectedUrl("/contact/nl/callback/booked");
		String slotTime = DateTimeFormatter.ofPattern("HH:mm")
			.format(slots.getFirst().start().atZone(ZoneId.of("Europe/Amsterdam")));

		// anyone can type the number: the page says the request exists, not when the owner will be called
		MvcTestResult again = post("nl", phone, "queue", "", ip(), visitor());
		assertThat(again).hasRedirectedUrl("/contact/nl/callback/booked");
		String shown = mvc.get().uri("/contact/nl/callback/booked")
			.cookie(again.getResponse().getCookie("SESSION"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(shown).contains("We hebben al een terugbelverzoek voor " + e164)
			.doesNotContain(slotTime)
			.doesNotContain("in de wachtrij");

		// an agent asking for the customer through the API is told the time
		CallbackView linked = callbacks.request(new CallbackRequest(phone, "in_queue", "api", null, null, null, "en",
				null, null, null), Actor.system("test"));
		assertThat(linked.status()).isEqualTo("linked");
		assertThat(wording.confirmation(linked, CallbackChanged.Change.REQUESTED, Locale.ENGLISH))
			.startsWith("We already have your callback request for " + e164)
			.contains(slotTime);
	}

	@Test
	void badInputIsShownInTheFormWithWhatWasTypedAndNothingIsBooked() throws Exception {
		int before = callbacks.pending().size();
		MvcTestResult bad = post("nl", "12<script>", "queue", "Mijn bank is kapot", ip(), visitor());
		assertThat(bad).hasStatus(HttpStatus.BAD_REQUEST);
		String page = bad.getResponse().getContentAsString();
		assertThat(page).contains("Dit is geen telefoonnummer dat we kunnen bellen.", "Mijn bank is kapot",
				"value=\"12&lt;script&gt;\"").doesNotContain("12<script>");
		MvcTestResult tooLong = post("en", mobile(), "queue", "x".repeat(501), ip(), visitor());
		assertThat(tooLong).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(tooLong.getResponse().getContentAsString()).contains("Keep the description under 500 characters.");
		assertThat(callbacks.pending()).hasSize(before);
	}

	@Test
	void withoutTheCsrfTokenNothingIsBooked() throws Exception {
		int before = callbacks.pending().size();
		assertThat(mvc.post()
			.uri("/contact/nl/callback")
			.param("topic", topic)
			.param("phone", mobile())
			.param("when", "queue")
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(callbacks.pending()).hasSize(before);
	}

	@Test
	void aVisitorAsksForAFewCallbacksAndThenWaits() throws Exception {
		String visitor = visitor();
		String ip = ip();
		for (int i = 0; i < 3; i++) {
			assertThat(post("nl", mobile(), "queue", "", ip, visitor)).hasStatus(HttpStatus.FOUND);
		}
		MvcTestResult limited = post("nl", mobile(), "queue", "", ip, visitor);
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(limited.getResponse().getContentAsString())
			.contains("Je hebt in korte tijd meerdere terugbelverzoeken gedaan.");
		// another visitor behind the same address may still ask
		assertThat(post("nl", mobile(), "queue", "", ip, visitor())).hasStatus(HttpStatus.FOUND);
		clock.advance(Duration.ofMinutes(11));
		assertThat(post("nl", mobile(), "queue", "", ip, visitor)).hasStatus(HttpStatus.FOUND);
	}

	private String page(String uri) throws Exception {
		var result = mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}
}
