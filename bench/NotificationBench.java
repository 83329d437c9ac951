import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import nl.baken.BakenApplication;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent;
import nl.baken.proactive.EventIntake;
import nl.baken.proactive.Incident;
import nl.baken.proactive.IncidentAudience;
import nl.baken.proactive.IncidentKind;
import nl.baken.proactive.Incidents;
import nl.baken.proactive.NewIncident;
import nl.baken.proactive.NoticeCounts;
import nl.baken.proactive.NotificationTemplate;
import nl.baken.proactive.NotificationTemplates;
import nl.baken.shared.Actor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending benchmark: the application in this JVM on a fresh H2 file database, GreenMail SMTP on loopback as the mail
 * server, N generated customers (e-mail, consent to proactive messages) each with a shipped order in one postcode
 * area. Declares a delivery delay for that area and times, from the declaration, (1) every notice handed to the
 * outbox (the notice worker's part) and (2) every mail taken by the SMTP server (the outbox and the e-mail adapter).
 * Quiet hours are off and the volume limits raised above N, so the figure is the machinery's, not the limits'.
 * Prints notices/s, total seconds and the peak heap.
 *
 * Usage (see bench/notifications.sh): java -cp CLASSPATH bench/NotificationBench.java [customers]
 */
public class NotificationBench {

	public static void main(String[] args) throws Exception {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		Path work = Files.createTempDirectory("baken-bench-notices-");
		GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		smtp.start();
		List<String> properties = new ArrayList<>(List.of("--server.port=0", "--baken.demo.enabled=false",
				"--baken.data-dir=" + work, "--baken.knowledge.index-dir=memory", "--logging.level.root=warn",
				"--baken.channels.email.smtp.host=127.0.0.1",
				"--baken.channels.email.smtp.port=" + smtp.getSmtp().getPort(),
				"--baken.channels.email.from-address=service@bench.example",
				"--baken.notifications.quiet-from=00:00", "--baken.notifications.quiet-until=00:00",
				"--baken.notifications.limits.email.per-minute=" + (count * 2),
				"--baken.notifications.limits.email.per-hour=" + (count * 2),
				"--baken.notifications.worker-interval=PT0.2S", "--baken.notifications.worker-batch=500",
				"--baken.outbox.poll-interval=200ms", "--baken.routing.dispatch.enabled=false"));
		ConfigurableApplicationContext app = SpringApplication.run(BakenApplication.class,
				properties.toArray(String[]::new));
		try {
			run(app, smtp, count);
		}
		finally {
			app.close();
			smtp.stop();
		}
	}

	static void run(ConfigurableApplicationContext app, GreenMail smtp, int count) throws InterruptedException {
		Customers customers = app.getBean(Customers.class);
		EventIntake intake = app.getBean(EventIntake.class);
		Incidents incidents = app.getBean(Incidents.class);
		NotificationTemplates templates = app.getBean(NotificationTemplates.class);
		TransactionTemplate transactions = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
		JdbcClient jdbc = app.getBean(JdbcClient.class);
		for (String language : List.of("nl", "en")) {
			templates.save(new NotificationTemplate("incident-update", "email", language, "Storing: {{title}}",
					"{{title}}\n{{status}}\n{{expectedEnd}}", null, List.of(), null, null), "bench");
		}
		Actor bench = Actor.system("bench");
		long generating = System.nanoTime();
		for (int from = 0; from < count; from += 500) {
			int start = from;
			transactions.executeWithoutResult(status -> {
				Instant now = Instant.now();
				for (int i = start; i < Math.min(start + 500, count); i++) {
					String email = "klant" + i + "@bench.example";
					CustomerId customer = customers.resolve(
							new IdentityClaim(List.of(Identity.email(email)), "Klant " + i, null, now));
					customers.updatePreferences(customer, "email", i % 4 == 0 ? "en" : "nl",
							new CustomerProfile.Consent(true, false, false), bench);
					intake.receive(new BusinessEvent("ship-" + i, "order.shipped", now,
							new BusinessEvent.EventSubject(email, null, null, "B-" + i, null, null, "3511 AB", "parasol"),
							Map.of("carrier", "PostNL", "expectedDelivery", "2026-12-01")));
				}
			});
		}
		System.out.printf(Locale.ROOT, "generated %d customers with a shipped order in %.1f s%n", count,
				(System.nanoTime() - generating) / 1e9);

		long declared = System.nanoTime();
		Incident incident = incidents.declare(new NewIncident(null, IncidentKind.DELIVERY_DELAY, "Bezorging later",
				"Delivery later", "Uw pakket komt een dag later.", "Your parcel arrives a day late.", null,
				new IncidentAudience(List.of(), List.of("3500-3599"), List.of(), List.of(), null)), bench);
		double declareSeconds = (System.nanoTime() - declared) / 1e9;
		double handedSeconds = -1;
		Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
		while (Instant.now().isBefore(deadline)) {
			if (handedSeconds < 0 && handed(jdbc, incident) >= count) {
				handedSeconds = (System.nanoTime() - declared) / 1e9;
			}
			if (handedSeconds >= 0 && smtp.getReceivedMessages().length >= count) {
				break;
			}
			Thread.sleep(100);
		}
		double mailedSeconds = (System.nanoTime() - declared) / 1e9;
		int mailed = smtp.getReceivedMessages().length;
		NoticeCounts counts = incidents.notices(incident.id());
		System.out.printf(Locale.ROOT, "declared for %d affected customers in %.2f s (audience query and queueing)%n",
				incidents.affectedCount(incident.id()), declareSeconds);
		System.out.printf(Locale.ROOT, "handed to the outbox: all %d in %.1f s = %.0f notices/s%n", count,
				handedSeconds, count / handedSeconds);
		System.out.printf(Locale.ROOT, "taken by the SMTP server: %d mails in %.1f s = %.0f notices/s (failed %d)%n",
				mailed, mailedSeconds, mailed / mailedSeconds, counts.failed());
		System.out.printf(Locale.ROOT, "peak heap %.0f MB (max %.0f MB)%n", peakHeap() / 1e6,
				Runtime.getRuntime().maxMemory() / 1e6);
	}

	/** Notices the worker has handed to the outbox (their message is written and queued for the channel). */
	static long handed(JdbcClient jdbc, Incident incident) {
		return jdbc.sql("select count(*) from notice where topic = ? and state = 'sent'")
			.param(incident.topic())
			.query(Long.class)
			.single();
	}

	static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}
}
