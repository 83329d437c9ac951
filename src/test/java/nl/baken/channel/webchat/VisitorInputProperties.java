package nl.baken.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import nl.baken.shared.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What visitors and sites hand over, parsed without trust: no string is a valid token or identity unless it was
 * signed, a change anywhere in a token breaks it, and nothing makes the parsers throw anything but a refusal.
 */
class VisitorInputProperties {

	static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	static final String SITE_SECRET = "site-secret";

	final VisitorTokens tokens = new VisitorTokens("server-secret-of-at-least-32-characters".getBytes(),
			JsonMapper.builder().build());

	final SiteIdentities identities = new SiteIdentities(Map.of("tuinhuys", new WebchatProperties.Site(SITE_SECRET)));

	@Property
	void noStringIsAToken(@ForAll String anything) {
		assertThat(tokens.verify(anything, NOW)).isEmpty();
		assertThat(tokens.verify("wv1." + anything, NOW)).isEmpty();
	}

	@Property
	void changingAnyCharacterOfATokenBreaksIt(@ForAll @IntRange(min = 0, max = 10_000) int position,
			@ForAll char replacement) {
		String token = tokens.issue(new Visitor("wv-1", "tuinhuys", "nl", "jan@example.nl", "Jan",
				NOW.plusSeconds(3600)));
		int at = position % token.length();
		if (token.charAt(at) == replacement) {
			return;
		}
		String changed = token.substring(0, at) + replacement + token.substring(at + 1);
		// base64url has a few spare bits in its last character: a change there may decode to the same bytes
		if (tokens.verify(changed, NOW).isPresent()) {
			assertThat(at).isEqualTo(token.length() - 1);
		}
	}

	@Property
	void unsignedIdentitiesAreRefusedWhateverTheyContain(@ForAll String email, @ForAll String name,
			@ForAll long expires, @ForAll String signature) {
		assertThatThrownBy(() -> identities.verify("tuinhuys",
				new SiteIdentities.Claimed(email, name, expires, signature), NOW))
			.isInstanceOf(SiteIdentities.IdentityRefused.class);
	}

	@Property
	void signedIdentitiesWithAnyValuesAreTakenOrRefusedButNeverBreakTheParser(@ForAll String email,
			@ForAll String name, @ForAll long expires) {
		String signature = HexFormat.of()
			.formatHex(Hmac.sign(SITE_SECRET.getBytes(StandardCharsets.UTF_8), email + "\n" + name + "\n" + expires));
		try {
			SiteIdentities.Verified verified = identities.verify("tuinhuys",
					new SiteIdentities.Claimed(email, name, expires, signature), NOW);
			assertThat(verified.expires()).isAfter(NOW);
		}
		catch (SiteIdentities.IdentityRefused | InvalidInputException refused) {
			// refused as expired, too long valid, or not an e-mail address: all answered as 4xx
		}
	}
}
