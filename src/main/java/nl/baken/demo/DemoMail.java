package nl.baken.demo;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo's mail server: GreenMail (SMTP and IMAP) on loopback, so the demo's notices and replies are really sent and
 * mail to the shop's mailbox really comes in. Baken fetches {@link DemoMailEnvironment#MAILBOX} over IMAP and sends
 * through its SMTP; a demo customer's mail can be read over IMAP with the customer's address as login and password
 * (GreenMail makes the account when the first mail arrives). Runs only where {@link DemoMailEnvironment} configured
 * it; starts before the channel's fetcher and outbox and stops after them.
 */
@Component
@ConditionalOnBooleanProperty(DemoMailEnvironment.ON)
class DemoMail implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DemoMail.class);

	private final int smtpPort;

	private final int imapPort;

	private final String password;

	private volatile GreenMail server;

	DemoMail(Environment environment) {
		this.smtpPort = environment.getRequiredProperty("baken.channels.email.smtp.port", Integer.class);
		this.imapPort = environment.getRequiredProperty("baken.channels.email.imap.port", Integer.class);
		this.password = environment.getRequiredProperty("baken.channels.email.imap.password");
	}

	@Override
	public void start() {
		GreenMail mail = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		mail.start();
		mail.setUser(DemoMailEnvironment.MAILBOX, DemoMailEnvironment.MAILBOX, password);
		server = mail;
		log.info("Demo mail server: SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{} (log in with a customer's address as "
				+ "user and password); Baken reads {}", smtpPort, imapPort, DemoMailEnvironment.MAILBOX);
	}

	/** Every mail the server took, to anyone. */
	List<MimeMessage> received() {
		GreenMail mail = server;
		return mail == null ? List.of() : List.of(mail.getReceivedMessages());
	}

	int smtpPort() {
		return smtpPort;
	}

	int imapPort() {
		return imapPort;
	}

	@Override
	public int getPhase() {
		// before the mailbox fetcher and the outbox (default phase), so their first try finds the server
		return DEFAULT_PHASE - 1000;
	}

	@Override
	public void stop() {
		GreenMail mail = server;
		server = null;
		if (mail != null) {
			mail.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return server != null;
	}
}
