package nl.baken.channel.email;

import static nl.baken.RandomInput.bytes;
import static nl.baken.RandomInput.listOf;
import static nl.baken.RandomInput.oneOf;
import static nl.baken.RandomInput.text;
import static nl.baken.RandomInput.tries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Whatever arrives in the mailbox, the parser and the quote stripper answer with something usable and never throw:
 * random bytes, random headers and bodies, and mails made of real MIME pieces put together wrongly.
 */
class MailParserRandomTests {

	private static final List<String> QUOTE_LINES = List.of("> quoted", ">> deeper",
			"Op 12 nov. 2026 om 10:00 schreef Jan <jan@x.nl>:", "On Mon, 1 Jan 2024 at 10:00, Jan <jan@x.nl> wrote:",
			"On Mon, 1 Jan 2024, Jan <", "jan@x.nl> wrote:", "-----Original Message-----", "Van: Jan",
			"Verzonden: maandag", "From: Jan", "Sent: Monday", "", "Hallo,", "Groet, Piet");

	private static final List<String> HTML_PIECES = List.of("<p>", "</p>", "<br>", "<script>alert(1)</script>",
			"<style>p{}</style>", "&amp;", "&#x41;", "&#99999999;", "<", ">", "<img src=x onerror=alert(1)>", "text",
			"<div", "&nbsp;", "<!--", "-->", "<script>", "</script");

	private static final List<String> HEADERS = List.of("From: Jan <jan@example.nl>",
			"From: =?utf-8?B?SsOhbg==?= <j@x.nl>", "From: <>", "From: broken", "Message-ID: <abc@x>", "Message-ID: <>",
			"Message-ID: no-brackets", "In-Reply-To: <a@b> <c@d>", "References: <" + "x".repeat(400) + ">",
			"Subject: =?utf-8?Q?caf=C3=A9?=", "Subject: =?bogus?X?zz?=", "Auto-Submitted: auto-replied",
			"Precedence: bulk", "Return-Path: <>", "Date: not a date", "Date: Mon, 1 Jan 2024 10:00:00 +0100",
			"Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
			"Content-Type: text/plain; charset=nonsense", "Content-Type: text/html; charset=utf-8",
			"Content-Type: multipart/mixed; boundary=XX", "Content-Type: multipart/alternative; boundary=\"XX\"",
			"Content-Type: multipart/report; boundary=XX", "Content-Type: multipart/mixed", "Content-Type: ;;;",
			"Content-Disposition: attachment; filename=a.pdf",
			"Content-Disposition: attachment; filename=\"../../etc/passwd\"", "X-Autoreply: yes",
			"From: " + "J".repeat(300) + " <j@x.nl>", "Subject: Re: " + "s".repeat(400));

	private static final List<String> BODY_LINES = List.of("--XX", "--XX--", "Content-Type: text/plain",
			"Content-Type: text/html", "Content-Type: message/rfc822", "Content-Type: message/delivery-status",
			"Content-Type: text/rfc822-headers", "Content-Type: application/pdf; name=x.pdf",
			"Content-Disposition: attachment", "Status: 5.1.1", "Message-ID: <orig@x>", "",
			"<p>hi<script>x</script></p>", "=C3=A9=", "SGVsbG8=", "!!!notbase64", "> quoted", "On Mon wrote:",
			"Content-Type: application/" + "x".repeat(200), "Content-Disposition: attachment; filename=" + "f".repeat(300));

	@Test
	void randomBytesNeverThrow() {
		tries(300, random -> {
			ParsedMail mail = MailParser.parse(bytes(random, 4000), 1024);
			assertThat(mail.messageId()).isNotBlank();
			assertThat(mail.text()).isNotNull();
			assertThat(mail.displayText()).isNotNull();
		});
	}

	@Test
	void mimeLikeMailsNeverThrowAndFitTheirColumns() {
		tries(500, random -> {
			ParsedMail mail = MailParser.parse(mail(random).getBytes(StandardCharsets.ISO_8859_1), 2048);
			assertThat(mail.messageId()).isNotBlank().hasSizeLessThanOrEqualTo(300);
			assertThat(mail.text()).isNotNull();
			assertThat(mail.kind()).isNotNull();
			if (mail.html() != null) {
				assertThat(mail.html().toLowerCase()).doesNotContain("<script").doesNotContain("onerror=");
			}
			// what is stored must fit its columns, or the mail would fail on every fetch
			assertThat(mail.fromName() == null || mail.fromName().length() <= 200).isTrue();
			String subject = EmailInbound.subject(mail.subject());
			assertThat(subject == null || subject.length() <= 300).isTrue();
			for (ParsedMail.Part part : mail.attachments()) {
				assertThat(part.content() == null || part.content().length <= 2048).isTrue();
				assertThat(part.contentType()).hasSizeLessThanOrEqualTo(120);
				assertThat(part.fileName()).hasSizeLessThanOrEqualTo(255);
			}
		});
	}

	@Test
	void quoteStrippingNeverThrowsAndKeepsOnlyWrittenLines() {
		tries(500, random -> {
			List<String> lines = listOf(random, 30,
					r -> r.nextBoolean() ? text(r, 80).replaceAll("[\r\n]", " ") : oneOf(r, QUOTE_LINES));
			String text = String.join(oneOf(random, List.of("\r\n", "\n", "\r")), lines);
			String stripped = QuoteStripper.strip(text);
			assertThat(stripped).isNotNull();
			for (String line : stripped.split("\n")) {
				assertThat(text).contains(line.strip());
			}
		});
	}

	@Test
	void htmlToTextNeverThrows() {
		tries(200, random -> {
			String html = String.join("", listOf(random, 40, r -> oneOf(r, HTML_PIECES)));
			assertThat(MailParser.textOf(html)).isNotNull().doesNotContain("<script");
		});
	}

	@Test
	void nestedMultipartsDoNotRunAway() {
		tries(50, random -> {
			int depth = random.nextInt(201);
			StringBuilder mail = new StringBuilder("From: a@b.nl\r\nMessage-ID: <deep@x>\r\n");
			for (int i = 0; i < depth; i++) {
				mail.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i)
					.append("\r\n");
			}
			mail.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
			ParsedMail parsed = MailParser.parse(mail.toString().getBytes(StandardCharsets.US_ASCII), 1024);
			assertThat(parsed.messageId()).isEqualTo("deep@x");
			assertThat(parsed.text()).isNotNull();
		});
	}

	private static String mail(Random random) {
		String newline = random.nextBoolean() ? "\r\n" : "\n";
		List<String> headers = listOf(random, 12, r -> oneOf(r, HEADERS));
		List<String> body = listOf(random, 40, r -> r.nextBoolean() ? text(r, 60) : oneOf(r, BODY_LINES));
		return String.join(newline, headers) + newline + newline + String.join(newline, body);
	}
}
