package nl.baken.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile.Consent;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent.EventSubject;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * End to end with the real notifications: a team lead declares a delay for a set of orders on the desk page; each
 * affected customer who consented gets exactly one e-mail (over SMTP, to GreenMail), a second update exactly one
 * more, the one without consent is counted as skipped, and the incident page shows the counts.
 */
@DatabaseTest
class IncidentNotificationsTests extends ApiTestSupport {

	static final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		mail.start();
	}

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("baken.channels.email.smtp.host", () -> "127.0.0.1");
		registry.add("baken.channels.email.smtp.port", () -> mail.getSmtp().getPort());
		registry.add("baken.channels.email.from-address", () -> "service@baken.test");
		// no quiet hours, so the test sends at any time of day; the worker and outbox look often
		registry.add("baken.notifications.quiet-from", () -> "00:00");
		registry.add("baken.notifications.quiet-until", () -> "00:00");
		registry.add("baken.notifications.worker-interval", () -> "PT0.2S");
		registry.add("baken.outbox.poll-interval", () -> "100ms");
	}

	@Autowired
	Incidents incidents;

	@Autowired
	EventIntake intake;

	@Autowired
	Customers customers;

	@Autowired
	Users users;

	@Autowired
	NotificationTemplates templates;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void declaringADelayForOrdersSendsEachAffectedCustomerOneMessageAndAnUpdateOneMore() throws Exception {
		for (String language : List.of("nl", "en")) {
			templates.save(new NotificationTemplate("incident-update", "email", language,
					language.equals("nl") ? "Storing: {{title}}" : "Disruption: {{title}}",
					"{{title}}\n{{status}}\n{{expectedEnd}}", null, List.of(), null, null), "test");
		}
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Lead", "incident-wachtwoord-1", EnumSet.of(Role.TEAM_LEAD), null, "nl"),
				Actor.system("test"));
		List<String> informed = List.of(unique("a") + "@example.nl", unique("b") + "@example.nl",
				unique("c") + "@example.com");
		String withoutConsent = unique("d") + "@example.nl";
		String elsewhere = unique("e") + "@example.nl";
		StringBuilder orders = new StringBuilder();
		for (String email : informed) {
			orders.append(order(email, true, email.endsWith(".com") ? "en" : "nl")).append(", ");
		}
		orders.append(order(withoutConsent, false, "nl"));
		order(elsewhere, true, "nl");

		MvcTestResult declared = mvc.post()
			.uri("/desk/incidents")
			.param("kind", "delivery_delay")
			.param("titleNl", "Bezorging een dag later")
			.param("titleEn", "Delivery one day late")
			.param("statusNl", "Uw pakket komt morgen.")
			.param("statusEn", "Your parcel arrives tomorrow.")
			.param("orderIds", orders.toString())
			.with(user(lead))
			.with(csrf())
			.exchange();
		assertThat(declared).hasStatus(HttpStatus.FOUND);
		UUID id = UUID.fromString(declared.getResponse().getRedirectedUrl().substring("/desk/incidents/".length()));
		assertThat(incidents.affectedCount(id)).isEqualTo(4);

		await().atMost(Duration.ofSeconds(30)).until(() -> delivered(incidents.notices(id)) == 3);
		for (String email : informed) {
			assertThat(mailsTo(email)).as(email).hasSize(1);
		}
		assertThat(mailsTo(informed.getLast()).getFirst().getSubject()).isEqualTo("Disruption: Delivery one day late");
		assertThat(mailsTo(informed.getFirst()).getFirst().getSubject()).isEqualTo("Storing: Bezorging een dag later");
		assertThat(mailsTo(withoutConsent)).isEmpty();
		assertThat(mailsTo(elsewhere)).isEmpty();
		assertThat(incidents.notices(id).skipped()).isEqualTo(1);

		assertThat(mvc.post()
			.uri("/desk/incidents/" + id + "/updates")
			.param("statusNl", "Morgen tussen 9 en 12 uur.")
			.param("statusEn", "Tomorrow between 9 and 12.")
			.with(user(lead))
			.with(csrf())
			.exchange()).hasStatus(HttpStatus.FOUND);
		await().atMost(Duration.ofSeconds(30)).until(() -> delivered(incidents.notices(id)) == 6);
		for (String email : informed) {
			assertThat(mailsTo(email)).as(email).hasSize(2);
		}
		assertThat(text(mailsTo(informed.getFirst()).getLast())).contains("Morgen tussen 9 en 12 uur.");
		NoticeCounts counts = incidents.notices(id);
		assertThat(counts.skipped()).isEqualTo(2);
		assertThat(counts.failed()).isZero();

		String page = mvc.get().uri("/desk/incidents/" + id).with(user(lead)).exchange().getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"affected\">4<", "id=\"notices-sent\">" + counts.sent() + "<",
				"id=\"notices-skipped\">2<");
	}

	private static long delivered(NoticeCounts counts) {
		return counts.sent() + counts.delivered() + counts.read();
	}

	/** A customer with an e-mail address and one shipped order; answers the order id. */
	private String order(String email, boolean consent, String language) {
		CustomerId customer = new TransactionTemplate(transactionManager).execute(status -> customers
			.resolve(new IdentityClaim(List.of(Identity.email(email)), "Klant", null, Instant.now())));
		customers.updatePreferences(customer, "email", language, new Consent(consent, false, false),
				Actor.system("test"));
		String order = unique("order");
		intake.receive(new BusinessEvent(unique("ship"), "order.shipped", Instant.now(),
				new EventSubject(email, null, null, order, null, null, "1011 AB", "parasol"),
				Map.of("carrier", "PostNL", "expectedDelivery", "2026-11-28")));
		return order;
	}

	private static String text(MimeMessage message) throws Exception {
		if (message.getContent() instanceof jakarta.mail.internet.MimeMultipart parts) {
			for (int i = 0; i < parts.getCount(); i++) {
				if (parts.getBodyPart(i).isMimeType("text/plain")) {
					return (String) parts.getBodyPart(i).getContent();
				}
			}
		}
		return String.valueOf(message.getContent());
	}

	private static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients() != null
						&& Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
			}
			catch (MessagingException e) {
				return false;
			}
		}).toList();
	}
}
