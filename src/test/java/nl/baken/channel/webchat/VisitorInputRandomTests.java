package nl.baken.channel.webchat;

import static nl.baken.RandomInput.text;
import static nl.baken.RandomInput.tries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import nl.baken.shared.Hmac;
import nl.baken.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What visitors and sites hand over, parsed without trust: no string is a valid token or identity unless it was
 * signed, a change anywhere in a token breaks it, and nothing makes the parsers throw anything but a refusal.
 */
class VisitorInputRandomTests {

	static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	static final String SITE_SECRET = "site-secret";

	final VisitorTokens tokens = new VisitorTokens("server-secret-of-at-least-32-characters".getBytes(),
			JsonMapper.builder().build());

	final SiteIdentities identities = new SiteIdentities(Map.of("tuinhuys", new WebchatProperties.Site(SITE_SECRET)));

	@Test
	void noStringIsAToken() {
		tries(1000, random -> {
			String anything = text(random, 200);
			assertThat(tokens.verify(anything, NOW)).isEmpty();
			assertThat(tokens.verify("wv1." + anything, NOW)).isEmpty();
		});
	}

	@Test
	void changingAnyCharacterOfATokenBreaksIt() {
		String token = tokens.issue(new Visitor("wv-1", "tuinhuys", "nl", "jan@example.nl", "Jan",
				NOW.plusSeconds(3600)));
		tries(1000, random -> {
			int at = random.nextInt(token.length());
			char replacement = (char) random.nextInt(0x10000);
			if (token.charAt(at) == replacement) {
				return;
			}
			String changed = token.substring(0, at) + replacement + token.substring(at + 1);
			// base64url has a few spare bits in its last character: a change there may decode to the same bytes
			if (tokens.verify(changed, NOW).isPresent()) {
				assertThat(at).isEqualTo(token.length() - 1);
			}
		});
	}

	@Test
	void unsignedIdentitiesAreRefusedWhateverTheyContain() {
		tries(1000, random -> {
			SiteIdentities.Claimed claimed = new SiteIdentities.Claimed(text(random, 60), text(random, 60),
					random.nextLong(), text(random, 80));
			assertThatThrownBy(() -> identities.verify("tuinhuys", claimed, NOW))
				.isInstanceOf(SiteIdentities.IdentityRefused.class);
		});
	}

	@Test
	void signedIdentitiesWithAnyValuesAreTakenOrRefusedButNeverBreakTheParser() {
		tries(1000, random -> {
			String email = random.nextBoolean() ? text(random, 40) : "jan" + random.nextInt(100) + "@example.nl";
			String name = text(random, 40);
			long expires = random.nextBoolean() ? random.nextLong() : NOW.getEpochSecond() + random.nextInt(200_000);
			String signature = HexFormat.of()
				.formatHex(Hmac.sha256(SITE_SECRET.getBytes(StandardCharsets.UTF_8),
						(email + "\n" + name + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
			try {
				SiteIdentities.Verified verified = identities.verify("tuinhuys",
						new SiteIdentities.Claimed(email, name, expires, signature), NOW);
				assertThat(verified.expires()).isAfter(NOW);
			}
			catch (SiteIdentities.IdentityRefused | InvalidInputException refused) {
				// refused as expired, too long valid, or not an e-mail address: all answered as 4xx
			}
		});
	}
}
