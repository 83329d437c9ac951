package nl.baken.channel.email;

import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.baken.channel.ChannelAdapter;
import nl.baken.channel.DeliveryFailure;
import nl.baken.channel.OutboundMessage;
import nl.baken.customer.IdentityKind;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends agents' replies and Baken's own notifications by SMTP. Each mail's Message-ID is made from the Baken message id, so a send repeated after a
 * crash carries the same id (the customer's client shows it once) and replies to it find their conversation; the
 * subject carries the conversation's reply token for clients that drop the threading headers.
 */
@Component
@ConditionalOnProperty(prefix = "baken.channels.email.smtp", name = "host")
class EmailAdapter implements ChannelAdapter {

	static final String CHANNEL = "email";

	private final EmailProperties properties;

	private final EmailStore store;

	private final Clock clock;

	private final Session session;

	EmailAdapter(EmailProperties properties, EmailStore store, Clock clock) {
		if (properties.fromAddress() == null || properties.fromAddress().isBlank()) {
			throw new IllegalStateException("baken.channels.email.from-address is needed to send e-mail");
		}
		this.properties = properties;
		this.store = store;
		this.clock = clock;
		this.session = Session.getInstance(smtpProperties(properties.smtp()));
	}

	@Override
	public String id() {
		return CHANNEL;
	}

	@Override
	public String send(OutboundMessage message) throws DeliveryFailure {
		String to = message.address(IdentityKind.EMAIL)
			.orElseThrow(() -> DeliveryFailure.permanent("the customer has no e-mail address"));
		String token = store.tokenOf(message.conversationId(), clock.instant());
		String messageId = message.messageId() + "@" + domain();
		try {
			store.remember(messageId, message.conversationId(), "outbound", null, clock.instant());
		}
		catch (org.springframework.dao.DuplicateKeyException e) {
			// remembered by an earlier attempt of this send
		}
		try {
			MimeMessage mail = new FixedIdMessage(session, "<" + messageId + ">");
			mail.setFrom(new InternetAddress(properties.fromAddress(), properties.fromName(), "UTF-8"));
			mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
			mail.setSubject(subject(message, token), "UTF-8");
			mail.setSentDate(java.util.Date.from(clock.instant()));
			String last = message.lastInbound() == null ? null : message.lastInbound().providerMessageId();
			if (last != null && !last.startsWith("sha256:")) {
				mail.setHeader("In-Reply-To", "<" + last + ">");
				mail.setHeader("References", "<" + last + ">");
			}
			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart text = new MimeBodyPart();
			text.setText(message.text(), "UTF-8");
			MimeBodyPart html = new MimeBodyPart();
			html.setText("<html><body><p>" + HtmlUtils.htmlEscape(message.text()).replace("\n", "<br>")
					+ "</p></body></html>", "UTF-8", "html");
			alternative.addBodyPart(text);
			alternative.addBodyPart(html);
			mail.setContent(alternative);
			mail.saveChanges();
			EmailProperties.Server smtp = properties.smtp();
			if (smtp.username() != null && !smtp.username().isBlank()) {
				Transport.send(mail, smtp.username(), smtp.password());
			}
			else {
				Transport.send(mail);
			}
			return messageId;
		}
		catch (UnsupportedEncodingException e) {
			throw DeliveryFailure.permanent("the message cannot be encoded as UTF-8");
		}
		catch (MessagingException e) {
			throw failure(e, to);
		}
	}

	/** Texts agents and admins read: the server's answer code, never the credentials. */
	private static DeliveryFailure failure(MessagingException e, String to) {
		if (e instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 500) {
			return DeliveryFailure.permanent("the mail server refused the message (" + refused.getReturnCode() + ")");
		}
		if (e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
				&& failed.getInvalidAddresses().length > 0) {
			return DeliveryFailure.permanent("the mail server refused the address " + to);
		}
		if (e instanceof jakarta.mail.internet.AddressException) {
			return DeliveryFailure.permanent("'" + to + "' is not an address a mail can go to");
		}
		if (e instanceof AuthenticationFailedException) {
			return DeliveryFailure.retryable("the mail server refused Baken's login (check baken.channels.email.smtp)",
					null);
		}
		Throwable cause = e.getCause();
		if (cause instanceof ConnectException || cause instanceof UnknownHostException
				|| cause instanceof SocketTimeoutException) {
			return DeliveryFailure.retryable("the mail server is unreachable", null);
		}
		return DeliveryFailure.retryable("the mail server did not take the message (" + e.getClass().getSimpleName()
				+ ")", null);
	}

	/**
	 * A reply: "Re: " and the reply token. A message that opens a conversation Baken started (a notification) goes out
	 * under its own subject, as written in its template: it answers nothing, and its Message-ID threads the replies.
	 */
	private String subject(OutboundMessage message, String token) {
		if (message.opening() && message.subject() != null && !message.subject().isBlank()) {
			return message.subject().replaceAll("\\s+", " ").strip();
		}
		String subject = EmailInbound.subject(message.subject());
		if (subject == null) {
			subject = "en".equals(message.language()) ? "Your message" : "Uw bericht";
		}
		return "Re: " + subject + " [#" + token + "]";
	}

	private String domain() {
		String from = properties.fromAddress().strip();
		return from.substring(from.lastIndexOf('@') + 1);
	}

	static Properties smtpProperties(EmailProperties.Server smtp) {
		Properties props = new Properties();
		String protocol = smtp.ssl() ? "smtps" : "smtp";
		props.put("mail.transport.protocol", protocol);
		props.put("mail." + protocol + ".host", smtp.host());
		if (smtp.port() != null) {
			props.put("mail." + protocol + ".port", String.valueOf(smtp.port()));
		}
		props.put("mail." + protocol + ".auth", String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
		props.put("mail." + protocol + ".starttls.enable", String.valueOf(smtp.starttls()));
		props.put("mail." + protocol + ".starttls.required", String.valueOf(smtp.starttls()));
		props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
		String timeout = String.valueOf(smtp.timeout().toMillis());
		props.put("mail." + protocol + ".connectiontimeout", timeout);
		props.put("mail." + protocol + ".timeout", timeout);
		props.put("mail." + protocol + ".writetimeout", timeout);
		return props;
	}

	/** Keeps the Message-ID Baken chose; Jakarta Mail would make a new one on every save. */
	private static final class FixedIdMessage extends MimeMessage {

		private final String id;

		FixedIdMessage(Session session, String id) {
			super(session);
			this.id = id;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", id);
		}
	}
}
