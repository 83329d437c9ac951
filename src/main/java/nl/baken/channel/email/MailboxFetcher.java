package nl.baken.channel.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Fetches the mailbox every {@code poll-interval}. One node at a time holds the mailbox (a lease in the database, so
 * a node that dies hands it on); the mails are read without marking them, and each is flagged as seen only after what
 * it became is committed. A mail that failed stays unseen and is tried again on the next fetch; one fetched twice
 * anyway is stored once, by its Message-ID. A mail over {@code max-message-bytes}, or one that failed
 * {@value #ATTEMPTS} times over something in it (not an outage), is stored from its headers alone, with the mail
 * listed as a file too large to keep: the agent sees who wrote about what and reads the rest in the mailbox, and the
 * mails behind it are not held up.
 */
@Component
@ConditionalOnProperty(prefix = "baken.channels.email.imap", name = "host")
class MailboxFetcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MailboxFetcher.class);

	private static final Duration LEASE = Duration.ofMinutes(5);

	static final int ATTEMPTS = 3;

	/** Failed attempts per mail on this node; a restart only gives a mail a few more tries. */
	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	private final EmailProperties properties;

	private final EmailInbound inbound;

	private final EmailStore store;

	private final Clock clock;

	private final Session session;

	private final String node = "node-" + UUID.randomUUID();

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile boolean running;

	private Thread loop;

	MailboxFetcher(EmailProperties properties, EmailInbound inbound, EmailStore store, Clock clock) {
		this.properties = properties;
		this.inbound = inbound;
		this.store = store;
		this.clock = clock;
		this.session = Session.getInstance(imapProperties(properties.imap()));
	}

	/** The mailbox's name in the status and the lease: account and folder, never the password. */
	String mailbox() {
		EmailProperties.Server imap = properties.imap();
		return (imap.username() == null ? "" : imap.username() + "@") + imap.host() + "/" + properties.folder();
	}

	/** Fetches what is new now; returns how many mails it handled, or -1 when another node holds the mailbox. */
	int runOnce() {
		Instant now = clock.instant();
		String mailbox = mailbox();
		if (!store.lease(mailbox, node, now, now.plus(LEASE))) {
			return -1;
		}
		int handled = 0;
		String error = null;
		try (Store imap = session.getStore(properties.imap().ssl() ? "imaps" : "imap")) {
			EmailProperties.Server server = properties.imap();
			imap.connect(server.host(), server.port() == null ? -1 : server.port(), server.username(),
					server.password());
			Folder folder = imap.getFolder(properties.folder());
			folder.open(Folder.READ_WRITE);
			try {
				Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
				for (int i = 0; i < unseen.length && i < properties.batchSize() && running; i++) {
					String failed = handle(unseen[i]);
					if (failed == null) {
						handled++;
					}
					else {
						error = failed;
					}
				}
			}
			finally {
				folder.close(false);
			}
		}
		catch (MessagingException | RuntimeException e) {
			// the server's words, never the configuration: no password can be in them
			error = "fetching failed (" + e.getClass().getSimpleName() + ")";
			log.warn("Fetching mailbox {} failed: {}", mailbox, e.getClass().getSimpleName());
		}
		finally {
			store.fetched(mailbox, node, handled, error, clock.instant());
		}
		return handled;
	}

	/** Handles one mail and flags it as seen; the error to show when it failed, or null. */
	private String handle(Message message) {
		String key = null;
		try {
			key = key(message);
			int size = message.getSize();
			if (size > properties.maxMessageBytes()) {
				inbound.handle(headersOnly(message, size), clock.instant());
				message.setFlag(Flags.Flag.SEEN, true);
				log.warn("A mail of {} bytes is larger than baken.channels.email.max-message-bytes: stored from its "
						+ "headers", size);
				return "a mail of " + size + " bytes was larger than max-message-bytes: only its headers were stored";
			}
			ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(size, 1024));
			message.writeTo(new Limited(raw, properties.maxMessageBytes()));
			ParsedMail mail = MailParser.parse(raw.toByteArray(), properties.maxAttachmentBytes());
			inbound.handle(mail, clock.instant());
			message.setFlag(Flags.Flag.SEEN, true);
			failures.remove(key);
			return null;
		}
		catch (MessagingException | IOException | RuntimeException e) {
			if (key != null && causedByTheMail(e) && failures.merge(key, 1, Integer::sum) >= ATTEMPTS) {
				return giveUp(message, key, e);
			}
			log.warn("A mail could not be handled and stays unseen for the next fetch: {}", e.toString());
			return "a mail could not be handled (" + e.getClass().getSimpleName() + ")";
		}
	}

	/**
	 * A failure the mail itself brings about (the database refusing something in it), not the mail server or the
	 * database being away: only those count towards giving up, so an outage never turns mails into their headers.
	 */
	static boolean causedByTheMail(Exception e) {
		return e instanceof RuntimeException && !(e instanceof TransientDataAccessException
				|| e instanceof RecoverableDataAccessException || e instanceof DataAccessResourceFailureException
				|| e instanceof TransactionException);
	}

	/** After {@value #ATTEMPTS} failures: the headers are stored, and the mail no longer waits. */
	private String giveUp(Message message, String key, Exception cause) {
		failures.remove(key);
		try {
			inbound.handle(headersOnly(message, message.getSize()), clock.instant());
			message.setFlag(Flags.Flag.SEEN, true);
			log.warn("A mail failed {} times ({}): stored from its headers", ATTEMPTS, cause.toString());
			return "a mail failed " + ATTEMPTS + " times (" + cause.getClass().getSimpleName()
					+ "): only its headers were stored";
		}
		catch (MessagingException | RuntimeException e) {
			log.error("A mail failed {} times and its headers could not be stored either ({}): it stays unseen",
					ATTEMPTS, e.toString());
			return "a mail with Message-ID " + key + " could not be stored, not even its headers";
		}
	}

	/** The mail's Message-ID, else what else tells it apart while it stays in the mailbox. */
	private static String key(Message message) throws MessagingException {
		String[] ids = message.getHeader("Message-ID");
		if (ids != null && ids.length > 0) {
			return ids[0];
		}
		return message.getSentDate() + "|" + message.getSize() + "|" + message.getSubject();
	}

	/**
	 * The mail as its headers tell it (sender, subject, Message-ID, threading), with the whole mail listed as a file
	 * too large to keep, so it becomes a message without the content Baken could not take.
	 */
	private ParsedMail headersOnly(Message message, long size) throws MessagingException {
		StringBuilder headers = new StringBuilder();
		for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements();) {
			Header header = all.nextElement();
			if (!header.getName().equalsIgnoreCase("Content-Type")
					&& !header.getName().equalsIgnoreCase("Content-Transfer-Encoding")) {
				headers.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
			}
		}
		ParsedMail mail = MailParser.parse((headers + "\r\n").getBytes(StandardCharsets.UTF_8), 0);
		return new ParsedMail(mail.messageId(), mail.fromAddress(), mail.fromName(), mail.subject(), mail.inReplyTo(),
				mail.sentAt(), "", "", null, List.of(new ParsedMail.Part("e-mail.eml", "message/rfc822", size, null)),
				mail.kind(), mail.bouncedMessageId(), mail.bounceDetail());
	}

	/** Stops a mail that is larger than its announced size at the limit. */
	private static final class Limited extends OutputStream {

		private final OutputStream out;

		private long left;

		Limited(OutputStream out, long limit) {
			this.out = out;
			this.left = limit;
		}

		@Override
		public void write(int b) throws IOException {
			if (--left < 0) {
				throw new IOException("mail larger than max-message-bytes");
			}
			out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			left -= len;
			if (left < 0) {
				throw new IOException("mail larger than max-message-bytes");
			}
			out.write(b, off, len);
		}
	}

	static Properties imapProperties(EmailProperties.Server imap) {
		Properties props = new Properties();
		for (String protocol : new String[] { "imap", "imaps" }) {
			// read without setting \Seen: the flag is set only once the mail is stored
			props.put("mail." + protocol + ".peek", "true");
			props.put("mail." + protocol + ".starttls.enable", String.valueOf(imap.starttls()));
			props.put("mail." + protocol + ".starttls.required", String.valueOf(imap.starttls()));
			props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
			String timeout = String.valueOf(imap.timeout().toMillis());
			props.put("mail." + protocol + ".connectiontimeout", timeout);
			props.put("mail." + protocol + ".timeout", timeout);
			props.put("mail." + protocol + ".writetimeout", timeout);
		}
		return props;
	}

	/** Fetches now rather than at the next poll. */
	void wake() {
		wakeUp.release();
	}

	@Override
	public void start() {
		running = true;
		loop = Thread.ofPlatform().name("email-fetch").daemon().start(this::poll);
	}

	private void poll() {
		while (running) {
			try {
				runOnce();
				wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				wakeUp.drainPermits();
			}
			catch (InterruptedException e) {
				return;
			}
			catch (RuntimeException e) {
				// the database may be briefly away; the next poll tries again
				log.warn("Mailbox poll failed: {}", e.getClass().getSimpleName());
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		if (loop != null) {
			loop.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
