package nl.baken.channel.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import nl.baken.shared.Sql;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads a raw e-mail (RFC 5322 / MIME) into a {@link ParsedMail}. Whatever arrives, it returns something: a part it
 * cannot read is left out, a mail it cannot read at all becomes a note saying so, and it never throws.
 */
final class MailParser {

	/** Formatting, links and tables survive; scripts, styles sheets, forms and (tracking) images do not. */
	private static final PolicyFactory HTML_POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.TABLES);

	/** Headers in raw UTF-8 (SMTPUTF8 mail) are read as UTF-8, not as ISO-8859-1. */
	private static final Session SESSION = Session.getInstance(utf8Headers());

	private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]{1,298})>");

	private static final Pattern HEADER_MESSAGE_ID = Pattern.compile("(?im)^message-id:\\s*<([^<>\\s]{1,298})>");

	private static final int MAX_DEPTH = 10;

	private static final int MAX_PARTS = 100;

	private static final int MAX_TEXT = 100_000;

	private MailParser() {
	}

	static ParsedMail parse(byte[] raw, long maxAttachmentBytes) {
		try {
			return read(raw, maxAttachmentBytes);
		}
		catch (Exception | StackOverflowError e) {
			// unreadable from the first header: keep what identifies it, so it is still seen and stored once
			return new ParsedMail(hashId(raw), null, null, null, List.of(), null, "", "", null, List.of(),
					ParsedMail.Kind.PERSONAL, null, null);
		}
	}

	private static ParsedMail read(byte[] raw, long maxAttachmentBytes) throws MessagingException {
		MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
		Walk walk = new Walk(maxAttachmentBytes);
		walk.visit(message, 0);

		String messageId = normalisedId(header(message, "Message-ID"));
		InternetAddress from = from(message);
		String subject = decoded(header(message, "Subject"));
		List<String> threads = new ArrayList<>();
		threads.addAll(ids(header(message, "In-Reply-To")));
		ids(header(message, "References")).reversed().stream().filter(id -> !threads.contains(id)).forEach(threads::add);

		String fullText;
		if (walk.plain != null) {
			fullText = walk.plain;
		}
		else if (walk.html != null) {
			fullText = textOf(walk.html);
		}
		else {
			fullText = "";
		}
		fullText = limited(fullText.replace("\r\n", "\n").strip());
		String html = walk.html == null ? null : limited(HTML_POLICY.sanitize(walk.html));

		ParsedMail.Kind kind = kind(message, from, walk);
		String bounced = null;
		String detail = null;
		if (kind == ParsedMail.Kind.BOUNCE) {
			bounced = walk.bouncedMessageId != null ? walk.bouncedMessageId : bouncedIdInText(raw, messageId);
			detail = walk.bounceDetail;
		}
		return new ParsedMail(messageId == null ? hashId(raw) : messageId,
				from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
				from == null ? null : shortened(decoded(from.getPersonal()), 200), subject, threads, sentAt(message), fullText,
				limited(QuoteStripper.strip(fullText)), html, walk.attachments, kind, bounced, detail);
	}

	/** Bounces first (a DSN is automatic too), then the headers autoresponders and lists set. */
	private static ParsedMail.Kind kind(MimeMessage message, InternetAddress from, Walk walk) {
		String contentType = lower(header(message, "Content-Type"));
		String sender = from == null ? "" : from.getAddress().toLowerCase(Locale.ROOT);
		if (walk.report || contentType.startsWith("multipart/report") || sender.startsWith("mailer-daemon@")
				|| sender.startsWith("postmaster@")) {
			return ParsedMail.Kind.BOUNCE;
		}
		String autoSubmitted = lower(header(message, "Auto-Submitted"));
		String precedence = lower(header(message, "Precedence"));
		String returnPath = lower(header(message, "Return-Path")).replace(" ", "");
		if ((!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) || header(message, "X-Autoreply") != null
				|| header(message, "X-Autorespond") != null || header(message, "X-Autoresponder") != null
				|| precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
				|| header(message, "List-Id") != null || returnPath.equals("<>")) {
			return ParsedMail.Kind.AUTO_REPLY;
		}
		return ParsedMail.Kind.PERSONAL;
	}

	/** Collects the first text and HTML body, the attachments and what a delivery report says, in one pass. */
	private static final class Walk {

		final long maxAttachmentBytes;

		String plain;

		String html;

		final List<ParsedMail.Part> attachments = new ArrayList<>();

		boolean report;

		String bouncedMessageId;

		String bounceDetail;

		int parts;

		Walk(long maxAttachmentBytes) {
			this.maxAttachmentBytes = maxAttachmentBytes;
		}

		void visit(Part part, int depth) {
			if (depth > MAX_DEPTH || ++parts > MAX_PARTS) {
				return;
			}
			try {
				String type = mimeType(part);
				String disposition = lower(part.getDisposition());
				String fileName = fileName(part);
				if (type.startsWith("multipart/")) {
					if (type.equals("multipart/report")) {
						report = true;
					}
					Object content = part.getContent();
					if (content instanceof Multipart multipart) {
						for (int i = 0; i < multipart.getCount(); i++) {
							BodyPart child = multipart.getBodyPart(i);
							visit(child, depth + 1);
						}
					}
				}
				else if (report && type.equals("message/delivery-status")) {
					bounceDetail = deliveryStatus(new String(bytes(part, 64 * 1024), StandardCharsets.UTF_8));
				}
				else if (report && (type.equals("message/rfc822") || type.equals("text/rfc822-headers"))) {
					InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(bytes(part, 1024 * 1024)));
					bouncedMessageId = normalisedId(headers.getHeader("Message-ID", null));
				}
				else if (!disposition.equals("attachment") && fileName == null && type.equals("text/plain")
						&& plain == null) {
					plain = text(part);
				}
				else if (!disposition.equals("attachment") && fileName == null && type.equals("text/html")
						&& html == null) {
					html = text(part);
				}
				else if (!type.startsWith("message/") || disposition.equals("attachment")) {
					attachment(part, type, fileName);
				}
			}
			catch (MessagingException | IOException | RuntimeException e) {
				// one unreadable part does not make the rest unreadable
			}
		}

		private void attachment(Part part, String type, String fileName) throws MessagingException, IOException {
			byte[] content = bytes(part, maxAttachmentBytes + 1);
			String name = fileName == null ? "attachment-" + (attachments.size() + 1) : fileName;
			boolean tooLarge = content.length > maxAttachmentBytes;
			attachments.add(new ParsedMail.Part(name, type, tooLarge ? -1 : content.length, tooLarge ? null : content));
		}
	}

	/** Reads at most {@code limit} bytes of the decoded part. */
	private static byte[] bytes(Part part, long limit) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
		}
	}

	private static String text(Part part) throws MessagingException, IOException {
		byte[] bytes = bytes(part, 4L * MAX_TEXT);
		String charset = null;
		try {
			charset = new ContentType(part.getContentType()).getParameter("charset");
		}
		catch (MessagingException | RuntimeException e) {
			// no usable charset parameter: UTF-8 below
		}
		Charset decoding = StandardCharsets.UTF_8;
		if (charset != null) {
			try {
				decoding = Charset.forName(MimeUtility.javaCharset(charset.strip()));
			}
			catch (RuntimeException e) {
				// an unknown charset: UTF-8 reads the ASCII part right
			}
		}
		return Sql.storable(new String(bytes, decoding));
	}

	private static String deliveryStatus(String report) {
		List<String> found = new ArrayList<>();
		for (String line : report.split("\\R")) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("status:") || lower.startsWith("diagnostic-code:") || lower.startsWith("action:")) {
				found.add(line.strip());
			}
		}
		String detail = String.join("; ", found);
		return detail.length() > 500 ? detail.substring(0, 500) : detail;
	}

	/** A bounce that does not follow RFC 3464 often still quotes the headers of the mail it returns. */
	private static String bouncedIdInText(byte[] raw, String ownId) {
		String text = new String(raw, 0, Math.min(raw.length, 2_000_000), StandardCharsets.ISO_8859_1);
		Matcher m = HEADER_MESSAGE_ID.matcher(text);
		while (m.find()) {
			if (!m.group(1).equals(ownId)) {
				return m.group(1);
			}
		}
		return null;
	}

	/** The readable text of an HTML body: line breaks where blocks end, tags dropped, entities decoded. */
	static String textOf(String html) {
		String text = html.length() > 4 * MAX_TEXT ? html.substring(0, 4 * MAX_TEXT) : html;
		text = text.replaceAll("(?is)<(style|script|head)[^>]*>.*?</\\1\\s*>", "");
		text = text.replaceAll("(?i)<br\\s*/?>", "\n");
		text = text.replaceAll("(?i)</(p|div|li|tr|h[1-6]|blockquote)\\s*>", "\n");
		text = text.replaceAll("(?s)<[^>]*>", "");
		text = HtmlUtils.htmlUnescape(text).replace('\u00a0', ' ');
		return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}

	private static InternetAddress from(MimeMessage message) {
		try {
			Address[] from = message.getFrom();
			if (from != null) {
				for (Address address : from) {
					if (address instanceof InternetAddress internet && internet.getAddress() != null
							&& internet.getAddress().contains("@")) {
						return internet;
					}
				}
			}
		}
		catch (MessagingException | RuntimeException e) {
			// a From header that does not parse: no sender
		}
		return null;
	}

	private static Instant sentAt(Message message) {
		try {
			return message.getSentDate() == null ? null : message.getSentDate().toInstant();
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}

	private static String header(Part part, String name) {
		try {
			String[] values = part.getHeader(name);
			return values == null || values.length == 0 ? null : Sql.storable(values[0]);
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}

	private static String mimeType(Part part) {
		try {
			String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
			return type.length() > 120 ? "application/octet-stream" : type;
		}
		catch (MessagingException | RuntimeException e) {
			return "application/octet-stream";
		}
	}

	private static String fileName(Part part) {
		try {
			String name = part.getFileName();
			if (name == null || name.isBlank()) {
				return null;
			}
			name = decoded(name).replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
			return name.length() > 200 ? name.substring(name.length() - 200) : name;
		}
		catch (MessagingException | RuntimeException e) {
			return null;
		}
	}

	static String decoded(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Sql.storable(MimeUtility.decodeText(MimeUtility.unfold(value)).strip());
		}
		catch (IOException | RuntimeException e) {
			return Sql.storable(value.strip());
		}
	}

	private static Properties utf8Headers() {
		Properties properties = new Properties();
		properties.put("mail.mime.allowutf8", "true");
		return properties;
	}

	/** A Message-ID without its angle brackets, or null when the value holds none. */
	static String normalisedId(String value) {
		List<String> found = ids(value);
		return found.isEmpty() ? null : found.getFirst();
	}

	private static List<String> ids(String value) {
		List<String> found = new ArrayList<>();
		if (value == null) {
			return found;
		}
		Matcher m = MESSAGE_ID.matcher(value.length() > 20_000 ? value.substring(0, 20_000) : value);
		while (m.find() && found.size() < 50) {
			found.add(m.group(1));
		}
		return found;
	}

	private static String hashId(byte[] raw) {
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}

	private static String limited(String text) {
		return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
	}

	private static String shortened(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	private static String lower(String value) {
		return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
	}
}
