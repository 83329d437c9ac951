package nl.baken.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives in the mailbox, the parser and the quote stripper answer with something usable and never throw:
 * random bytes, random headers and bodies, and mails made of real MIME pieces put together wrongly.
 */
class MailParserProperties {

	@Property(tries = 300)
	void randomBytesNeverThrow(@ForAll @Size(max = 4000) byte[] raw) {
		ParsedMail mail = MailParser.parse(raw, 1024);
		assertThat(mail.messageId()).isNotBlank();
		assertThat(mail.text()).isNotNull();
		assertThat(mail.displayText()).isNotNull();
	}

	@Property(tries = 500)
	void mimeLikeMailsNeverThrow(@ForAll("mails") String raw) {
		ParsedMail mail = MailParser.parse(raw.getBytes(StandardCharsets.ISO_8859_1), 2048);
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
	}

	@Property(tries = 500)
	void quoteStrippingNeverThrowsAndKeepsOnlyWrittenLines(@ForAll("texts") String text) {
		String stripped = QuoteStripper.strip(text);
		assertThat(stripped).isNotNull();
		for (String line : stripped.split("\n")) {
			assertThat(text).contains(line.strip());
		}
	}

	@Property(tries = 200)
	void htmlToTextNeverThrows(@ForAll("htmls") String html) {
		assertThat(MailParser.textOf(html)).isNotNull().doesNotContain("<script");
	}

	@Provide
	Arbitrary<String> texts() {
		Arbitrary<String> line = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
				Arbitraries.of("> quoted", ">> deeper", "Op 12 nov. 2026 om 10:00 schreef Jan <jan@x.nl>:",
						"On Mon, 1 Jan 2024 at 10:00, Jan <jan@x.nl> wrote:", "On Mon, 1 Jan 2024, Jan <",
						"jan@x.nl> wrote:", "-----Original Message-----", "Van: Jan", "Verzonden: maandag",
						"From: Jan", "Sent: Monday", "", "Hallo,", "Groet, Piet"));
		return line.list().ofMaxSize(30).map(lines -> String.join(randomNewline(lines.size()), lines));
	}

	private static String randomNewline(int seed) {
		return seed % 3 == 0 ? "\r\n" : seed % 3 == 1 ? "\n" : "\r";
	}

	@Provide
	Arbitrary<String> htmls() {
		return Arbitraries.of("<p>", "</p>", "<br>", "<script>alert(1)</script>", "<style>p{}</style>", "&amp;",
				"&#x41;", "&#99999999;", "<", ">", "<img src=x onerror=alert(1)>", "text", "<div", "&nbsp;", "<!--",
				"-->", "<script>", "</script")
			.list()
			.ofMaxSize(40)
			.map(parts -> String.join("", parts));
	}

	@Provide
	Arbitrary<String> mails() {
		Arbitrary<String> header = Arbitraries.of("From: Jan <jan@example.nl>", "From: =?utf-8?B?SsOhbg==?= <j@x.nl>",
				"From: <>", "From: broken", "Message-ID: <abc@x>", "Message-ID: <>", "Message-ID: no-brackets",
				"In-Reply-To: <a@b> <c@d>", "References: <" + "x".repeat(400) + ">", "Subject: =?utf-8?Q?caf=C3=A9?=",
				"Subject: =?bogus?X?zz?=", "Auto-Submitted: auto-replied", "Precedence: bulk", "Return-Path: <>",
				"Date: not a date", "Date: Mon, 1 Jan 2024 10:00:00 +0100", "Content-Transfer-Encoding: base64",
				"Content-Transfer-Encoding: quoted-printable", "Content-Type: text/plain; charset=nonsense",
				"Content-Type: text/html; charset=utf-8", "Content-Type: multipart/mixed; boundary=XX",
				"Content-Type: multipart/alternative; boundary=\"XX\"", "Content-Type: multipart/report; boundary=XX",
				"Content-Type: multipart/mixed", "Content-Type: ;;;", "Content-Disposition: attachment; filename=a.pdf",
				"Content-Disposition: attachment; filename=\"../../etc/passwd\"", "X-Autoreply: yes",
				"From: " + "J".repeat(300) + " <j@x.nl>", "Subject: Re: " + "s".repeat(400));
		Arbitrary<String> bodyLine = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
				Arbitraries.of("--XX", "--XX--", "Content-Type: text/plain", "Content-Type: text/html",
						"Content-Type: message/rfc822", "Content-Type: message/delivery-status",
						"Content-Type: text/rfc822-headers", "Content-Type: application/pdf; name=x.pdf",
						"Content-Disposition: attachment", "Status: 5.1.1", "Message-ID: <orig@x>", "",
						"<p>hi<script>x</script></p>", "=C3=A9=", "SGVsbG8=", "!!!notbase64", "> quoted",
						"On Mon wrote:", "Content-Type: application/" + "x".repeat(200),
						"Content-Disposition: attachment; filename=" + "f".repeat(300)));
		return Combinators
			.combine(header.list().ofMaxSize(12), bodyLine.list().ofMaxSize(40), Arbitraries.of("\r\n", "\n"))
			.as((headers, body, newline) -> String.join(newline, headers) + newline + newline
					+ String.join(newline, body));
	}

	@Property(tries = 50)
	void nestedMultipartsDoNotRunAway(@ForAll("depths") int depth) {
		StringBuilder mail = new StringBuilder("From: a@b.nl\r\nMessage-ID: <deep@x>\r\n");
		for (int i = 0; i < depth; i++) {
			mail.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i)
				.append("\r\n");
		}
		mail.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
		ParsedMail parsed = MailParser.parse(mail.toString().getBytes(StandardCharsets.US_ASCII), 1024);
		assertThat(parsed.messageId()).isEqualTo("deep@x");
		assertThat(List.of(parsed.text())).isNotNull();
	}

	@Provide
	Arbitrary<Integer> depths() {
		return Arbitraries.integers().between(0, 200);
	}
}
