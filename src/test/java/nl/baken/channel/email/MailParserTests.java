package nl.baken.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the parser makes of the mails it meets most: replies, HTML-only mail, automatic mail and bounces. */
class MailParserTests {

	static ParsedMail parse(String raw) {
		return MailParser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), 1_000_000);
	}

	@Test
	void rawUtf8HeadersReadRightAndNulCharactersGo() {
		ParsedMail mail = parse("""
				From: Zoë Çelik <zoe@example.nl>
				Message-ID: <utf8-1@example.nl>
				Subject: Bestelling €20 =?UTF-8?B?AGthcG90?=
				Content-Type: text/plain; charset=utf-8

				Mijn bestelling is kapot.\u0000
				""");
		assertThat(mail.fromName()).isEqualTo("Zoë Çelik");
		assertThat(mail.subject()).isEqualTo("Bestelling €20 kapot");
		assertThat(mail.text()).isEqualTo("Mijn bestelling is kapot.");
	}

	@Test
	void aReplyShowsOnlyTheNewTextAndKeepsTheWholeOne() {
		ParsedMail mail = parse("""
				From: Jan de Vries <Jan@Example.NL>
				Message-ID: <reply-1@example.nl>
				In-Reply-To: <ours-2@baken.test>
				References: <first@example.nl> <ours-2@baken.test>
				Subject: Re: Waar blijft mijn pakket? [#ABCDEFGH]
				Content-Type: text/plain; charset=utf-8

				Dank je, dat helpt.

				Op 12 nov. 2026 om 10:00 schreef Klantenservice <support@baken.test>:
				> Het komt morgen.
				""");
		assertThat(mail.messageId()).isEqualTo("reply-1@example.nl");
		assertThat(mail.fromAddress()).isEqualTo("jan@example.nl");
		assertThat(mail.fromName()).isEqualTo("Jan de Vries");
		assertThat(mail.inReplyTo()).containsExactly("ours-2@baken.test", "first@example.nl");
		assertThat(mail.displayText()).isEqualTo("Dank je, dat helpt.");
		assertThat(mail.text()).contains("Het komt morgen.");
		assertThat(mail.kind()).isEqualTo(ParsedMail.Kind.PERSONAL);
		assertThat(EmailInbound.subject(mail.subject())).isEqualTo("Waar blijft mijn pakket?");
	}

	@Test
	void outlookHistoryAndEnglishAttributionsAreCut() {
		assertThat(QuoteStripper.strip("""
				Thanks!

				-----Original Message-----
				From: Support
				Sent: Monday""")).isEqualTo("Thanks!");
		assertThat(QuoteStripper.strip("""
				Prima.

				Van: Klantenservice <support@baken.test>
				Verzonden: maandag 12 november 2026 10:00
				Aan: Jan""")).isEqualTo("Prima.");
		assertThat(QuoteStripper.strip("""
				Yes please.
				On Mon, 12 Nov 2026 at 10:00, Support <
				support@baken.test> wrote:
				> Shall we?""")).isEqualTo("Yes please.");
		assertThat(QuoteStripper.strip("> only a quote")).isEqualTo("> only a quote");
	}

	@Test
	void htmlIsSanitisedAndGivesTheTextWhenThereIsNoPlainPart() {
		ParsedMail mail = parse("""
				From: a@example.nl
				Message-ID: <html-1@example.nl>
				Content-Type: text/html; charset=utf-8

				<html><head><style>p{color:red}</style></head><body><p>Hallo &amp; goedemorgen</p>
				<script>alert('x')</script><img src="https://tracker.example/p.gif" onerror="alert(1)">
				<a href="javascript:alert(1)">klik</a><a href="https://example.nl">site</a></body></html>
				""");
		assertThat(mail.text()).startsWith("Hallo & goedemorgen").doesNotContain("alert").doesNotContain("color");
		assertThat(mail.html()).contains("Hallo").contains("https://example.nl")
			.doesNotContain("script")
			.doesNotContain("javascript:")
			.doesNotContain("<img")
			.doesNotContain("onerror");
	}

	@Test
	void automaticMailIsRecognisedByItsHeaders() {
		for (String header : new String[] { "Auto-Submitted: auto-replied", "Precedence: bulk", "Precedence: junk",
				"Precedence: list", "X-Autoreply: yes", "X-Autorespond: yes", "Return-Path: <>" }) {
			ParsedMail mail = parse("From: a@example.nl\nMessage-ID: <auto@x>\n" + header
					+ "\nContent-Type: text/plain\n\nIk ben afwezig tot maandag.\n");
			assertThat(mail.kind()).as(header).isEqualTo(ParsedMail.Kind.AUTO_REPLY);
		}
		assertThat(parse("From: a@example.nl\nAuto-Submitted: no\n\nHallo\n").kind())
			.isEqualTo(ParsedMail.Kind.PERSONAL);
	}

	@Test
	void aDeliveryReportNamesTheMailThatBounced() {
		ParsedMail mail = parse("""
				From: Mail Delivery System <MAILER-DAEMON@mx.example.nl>
				Message-ID: <dsn-1@mx.example.nl>
				Subject: Undelivered Mail Returned to Sender
				Content-Type: multipart/report; report-type=delivery-status; boundary="B"

				--B
				Content-Type: text/plain

				Your message could not be delivered.
				--B
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.nl

				Final-Recipient: rfc822; nobody@example.nl
				Action: failed
				Status: 5.1.1
				Diagnostic-Code: smtp; 550 5.1.1 User unknown
				--B
				Content-Type: text/rfc822-headers

				From: support@baken.test
				Message-ID: <0190-abc@baken.test>
				Subject: Re: Vraag
				--B--
				""");
		assertThat(mail.kind()).isEqualTo(ParsedMail.Kind.BOUNCE);
		assertThat(mail.bouncedMessageId()).isEqualTo("0190-abc@baken.test");
		assertThat(mail.bounceDetail()).contains("Status: 5.1.1").contains("User unknown");
	}

	@Test
	void attachmentsKeepTheirNameTypeAndContentWithinTheLimit() {
		String raw = """
				From: a@example.nl
				Message-ID: <att-1@example.nl>
				Content-Type: multipart/mixed; boundary="M"

				--M
				Content-Type: text/plain

				Zie bijlage.
				--M
				Content-Type: application/pdf; name="factuur.pdf"
				Content-Disposition: attachment; filename="factuur.pdf"
				Content-Transfer-Encoding: base64

				JVBERi0xLjQK
				--M
				Content-Type: image/png
				Content-Disposition: attachment; filename="../../groot.png"
				Content-Transfer-Encoding: base64

				iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
				--M--
				""";
		ParsedMail mail = MailParser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), 20);
		assertThat(mail.displayText()).isEqualTo("Zie bijlage.");
		assertThat(mail.attachments()).hasSize(2);
		assertThat(mail.attachments().get(0).fileName()).isEqualTo("factuur.pdf");
		assertThat(new String(mail.attachments().get(0).content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
		assertThat(mail.attachments().get(1).fileName()).doesNotContain("/");
		assertThat(mail.attachments().get(1).content()).as("larger than the limit").isNull();
	}
}
