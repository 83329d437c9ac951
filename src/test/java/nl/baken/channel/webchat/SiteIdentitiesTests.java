package nl.baken.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import nl.baken.shared.Hmac;
import org.junit.jupiter.api.Test;

/** A site's signed identity is taken only when signed with that site's secret, untouched and not expired. */
class SiteIdentitiesTests {

	static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	static final String SECRET = "tuinhuys-site-secret";

	final SiteIdentities identities = new SiteIdentities(
			Map.of("tuinhuys", new WebchatProperties.Site(SECRET), "kookgraag", new WebchatProperties.Site(null)));

	static String sign(String secret, String email, String name, long expires) {
		return HexFormat.of()
			.formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
					(email + "\n" + name + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aValidSignatureGivesTheNormalisedIdentity() {
		long expires = NOW.getEpochSecond() + 600;
		SiteIdentities.Verified verified = identities.verify("tuinhuys", new SiteIdentities.Claimed(" Jan@Example.NL",
				"Jan", expires, sign(SECRET, " Jan@Example.NL", "Jan", expires)), NOW);
		assertThat(verified.email().value()).isEqualTo("jan@example.nl");
		assertThat(verified.name()).isEqualTo("Jan");
		assertThat(verified.expires()).isEqualTo(Instant.ofEpochSecond(expires));
	}

	@Test
	void forgedTamperedOrExpiredIdentitiesAreRefused() {
		long expires = NOW.getEpochSecond() + 600;
		String good = sign(SECRET, "jan@example.nl", "Jan", expires);
		assertRefused("tuinhuys", "jan@example.nl", "Jan", expires, sign("guessed", "jan@example.nl", "Jan", expires),
				"does not match");
		assertRefused("tuinhuys", "piet@example.nl", "Jan", expires, good, "does not match");
		assertRefused("tuinhuys", "jan@example.nl", "Piet", expires, good, "does not match");
		assertRefused("tuinhuys", "jan@example.nl", "Jan", expires + 1, good, "does not match");
		assertRefused("tuinhuys", "jan@example.nl", "Jan", expires, "not-hex", "not hex");
		long past = NOW.getEpochSecond() - 1;
		assertRefused("tuinhuys", "jan@example.nl", "Jan", past, sign(SECRET, "jan@example.nl", "Jan", past),
				"expired");
		long farFuture = NOW.getEpochSecond() + 3 * 86_400;
		assertRefused("tuinhuys", "jan@example.nl", "Jan", farFuture,
				sign(SECRET, "jan@example.nl", "Jan", farFuture), "longer than a day");
		// another brand's site, or a site without a secret, cannot vouch at all
		assertRefused("kookgraag", "jan@example.nl", "Jan", expires, good, "no identity secret");
		assertRefused("onbekend", "jan@example.nl", "Jan", expires, good, "no identity secret");
	}

	private void assertRefused(String brand, String email, String name, long expires, String signature,
			String reason) {
		assertThatThrownBy(() -> identities.verify(brand, new SiteIdentities.Claimed(email, name, expires, signature),
				NOW))
			.isInstanceOf(SiteIdentities.IdentityRefused.class)
			.hasMessageContaining(reason)
			.hasMessageNotContaining(SECRET);
	}
}
