package nl.baken.channel.webchat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import nl.baken.customer.Identity;
import nl.baken.shared.Hmac;

/**
 * Logged-in users a brand's own site vouches for. The site's server signs {@code email + "\n" + name + "\n" +
 * expires} (expires in epoch seconds) with HMAC-SHA256 and the brand's identity secret, hex-encoded, and puts the
 * four values on the widget's script tag; the widget hands them over and only a valid, unexpired signature makes the
 * chat that user's. Signatures valid for longer than a day are refused, so a leaked one does not last.
 */
final class SiteIdentities {

	static final Duration MAX_VALIDITY = Duration.ofDays(1);

	private final Map<String, WebchatProperties.Site> sites;

	SiteIdentities(Map<String, WebchatProperties.Site> sites) {
		this.sites = Map.copyOf(sites);
	}

	record Claimed(String email, String name, long expires, String signature) {
	}

	record Verified(Identity email, String name, Instant expires) {
	}

	/** The identity, or a refusal that says why (never echoing the secret or the expected signature). */
	Verified verify(String brand, Claimed claimed, Instant now) {
		WebchatProperties.Site site = sites.get(brand);
		if (site == null || site.identitySecret() == null || site.identitySecret().isBlank()) {
			throw new IdentityRefused("the site of brand '" + brand + "' has no identity secret configured");
		}
		if (claimed.email() == null || claimed.signature() == null) {
			throw new IdentityRefused("a signed identity needs email, expires and signature");
		}
		String name = claimed.name() == null ? "" : claimed.name();
		byte[] given;
		try {
			given = HexFormat.of().parseHex(claimed.signature().strip().toLowerCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new IdentityRefused("the identity signature is not hex-encoded");
		}
		byte[] expected = Hmac.sha256(site.identitySecret().getBytes(StandardCharsets.UTF_8),
				(claimed.email() + "\n" + name + "\n" + claimed.expires()).getBytes(StandardCharsets.UTF_8));
		if (!Hmac.matches(expected, given)) {
			throw new IdentityRefused("the identity signature does not match");
		}
		// compared as numbers: any long the site signed is a valid answer, not an overflow
		if (claimed.expires() <= now.getEpochSecond()) {
			throw new IdentityRefused("the signed identity has expired");
		}
		if (claimed.expires() > now.plus(MAX_VALIDITY).getEpochSecond()) {
			throw new IdentityRefused("the signed identity is valid for longer than a day");
		}
		return new Verified(Identity.email(claimed.email()), name.isBlank() ? null : name.strip(),
				Instant.ofEpochSecond(claimed.expires()));
	}

	static final class IdentityRefused extends RuntimeException {

		IdentityRefused(String message) {
			super(message);
		}
	}
}
