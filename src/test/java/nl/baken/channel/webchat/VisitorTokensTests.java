package nl.baken.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Visitor tokens verify only as issued: a forged, tampered, truncated or expired token is worthless. */
class VisitorTokensTests {

	static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	final JsonMapper json = JsonMapper.builder().build();

	final VisitorTokens tokens = new VisitorTokens("server-secret-of-at-least-32-characters".getBytes(), json);

	final Visitor visitor = new Visitor("wv-1", "tuinhuys", "nl", null, null, NOW.plus(Duration.ofDays(30)));

	@Test
	void anIssuedTokenVerifiesAsItsVisitor() {
		assertThat(tokens.verify(tokens.issue(visitor), NOW)).contains(visitor);
		Visitor identified = new Visitor("wv-2", "tuinhuys", "en", "jan@example.nl", "Jan", NOW.plusSeconds(60));
		assertThat(tokens.verify(tokens.issue(identified), NOW)).contains(identified);
	}

	@Test
	void aTokenSignedWithAnotherSecretIsRefused() {
		String forged = new VisitorTokens("another-secret-of-at-least-32-characters".getBytes(), json).issue(visitor);
		assertThat(tokens.verify(forged, NOW)).isEmpty();
	}

	@Test
	void aTamperedPayloadIsRefused() {
		String token = tokens.issue(visitor);
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("wv-1", "wv-9")
			.replace("\"b\":\"tuinhuys\"", "\"b\":\"tuinhuys\",\"e\":\"someone@example.nl\"");
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
		assertThat(tokens.verify(tampered, NOW)).isEmpty();
		// a signature flipped by one character
		char last = token.charAt(token.length() - 1);
		assertThat(tokens.verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), NOW)).isEmpty();
	}

	@Test
	void anExpiredTokenIsRefused() {
		String token = tokens.issue(visitor);
		assertThat(tokens.verify(token, visitor.expires().minusSeconds(1))).isPresent();
		assertThat(tokens.verify(token, visitor.expires())).isEmpty();
	}

	@Test
	void garbageIsRefusedWithoutAnError() {
		for (String garbage : new String[] { null, "", "wv1.", "wv1..", "wv1.e30.", "wv1.%%%.abc", "Bearer x",
				"wv1." + "A".repeat(5000), "wv1.bm90IGpzb24.c2ln" }) {
			assertThat(tokens.verify(garbage, NOW)).as(garbage).isEmpty();
		}
	}
}
