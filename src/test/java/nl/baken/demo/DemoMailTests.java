package nl.baken.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import nl.baken.DatabaseTest;
import nl.baken.channel.Outbox;
import nl.baken.proactive.Incident;
import nl.baken.proactive.Incidents;
import nl.baken.proactive.NoticeCounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The demo as it starts, with its own mail server: the demo incident's notices go out over SMTP (one mail per
 * affected customer who consented, under the template's subject), show as sent on the incident page, nothing ends as
 * a dead letter, and a customer's mail to the shop's mailbox comes in over IMAP as a conversation.
 */
@DatabaseTest
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "baken.demo.enabled=true",
		// no quiet hours, so the demo's notices go out at any time of day; worker and outbox look often
		"baken.notifications.quiet-from=00:00", "baken.notifications.quiet-until=00:00",
		"baken.notifications.worker-interval=PT0.3S", "baken.outbox.poll-interval=200ms",
		"baken.channels.email.poll-interval=300ms" })
class DemoMailTests {

	@Autowired
	DemoMail mail;

	@Autowired
	Incidents incidents;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	/** A database of its own: the notices are sent by this context, to this context's mail server. */
	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DemoSeederTests.database(registry, "demomail");
	}

	@Test
	void theDemoIncidentsNoticesAreSentToEachAffectedCustomerOnce() throws Exception {
		Incident incident = incidents.list(true, 10).getFirst();
		List<DemoIncidents.Buyer> affected = DemoIncidents.BUYERS.stream()
			.filter(b -> b.postcode().startsWith("35"))
			.toList();
		List<DemoIncidents.Buyer> informed = affected.stream().filter(DemoIncidents.Buyer::consent).toList();
		assertThat(informed).hasSizeBetween(1, affected.size() - 1);

		await().atMost(Duration.ofSeconds(60)).until(() -> sent(incidents.notices(incident.id())) == informed.size());
		NoticeCounts counts = incidents.notices(incident.id());
		assertThat(counts.failed()).isZero();
		assertThat(counts.skipped()).isEqualTo(affected.size() - informed.size());
		for (DemoIncidents.Buyer buyer : informed) {
			// the notice, and no other mail but the answer to a question the customer asked
			List<MimeMessage> notices = mailsTo(buyer.email()).stream().filter(m -> !subject(m).startsWith("Re: ")).toList();
			assertThat(notices).as(buyer.email()).hasSize(1);
			assertThat(subject(notices.getFirst())).isEqualTo(buyer.language().equals("en")
					? "Service disruption: Deliveries in the Utrecht area one day late"
					: "Storing: Bezorging in regio Utrecht een dag later");
			assertThat(notices.getFirst().getFrom()).extracting(Object::toString)
				.singleElement()
				.asString()
				.contains(DemoMailEnvironment.MAILBOX);
		}
		// the demo's affected customer who asked anyway gets the incident's status as the answer, by mail too
		DemoIncidents.Buyer asking = DemoIncidents.BUYERS.get(3);
		await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(asking.email()).size() == 2);
		assertThat(mailsTo(asking.email())).extracting(DemoMailTests::subject)
			.anySatisfy(s -> assertThat(s).startsWith("Re: Where is my order " + asking.order()));
		affected.stream()
			.filter(b -> !b.consent())
			.forEach(b -> assertThat(mailsTo(b.email())).as(b.email()).isEmpty());
		assertThat(outbox.deadLetters(100)).noneMatch(d -> d.channel().equals("email"));

		String page = mvc.get()
			.uri("/desk/incidents/" + incident.id())
			.with(user("admin"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"notices-sent\">" + counts.sent() + "<", "id=\"notices-failed\">0<");
	}

	@Test
	void aCustomersMailToTheShopBecomesAConversation() throws MessagingException {
		String subject = "Vraag over mijn parasol " + Instant.now().toEpochMilli();
		Properties smtp = new Properties();
		smtp.put("mail.smtp.host", "127.0.0.1");
		smtp.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
		MimeMessage question = new MimeMessage(Session.getInstance(smtp));
		// a customer outside the demo incident (an affected one would also get its status by mail, see IncidentsTests)
		question.setFrom(new InternetAddress("nieuwe.klant@example.nl"));
		question.setRecipient(Message.RecipientType.TO, new InternetAddress(DemoMailEnvironment.MAILBOX));
		question.setSubject(subject, "UTF-8");
		question.setText("Kan ik de parasol ook in het groen krijgen?", "UTF-8");
		Transport.send(question);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select count(*) from conversation where subject = ? and channel = 'email'")
				.param(subject)
				.query(Long.class)
				.single() == 1);
	}

	private static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static long sent(NoticeCounts counts) {
		return counts.sent() + counts.delivered() + counts.read();
	}

	private List<MimeMessage> mailsTo(String address) {
		return mail.received().stream().filter(m -> {
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
