package nl.baken.channel.webchat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import nl.baken.shared.Hmac;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Visitor tokens: {@code wv1.<payload>.<signature>}, the payload base64url JSON, the signature HMAC-SHA256 with the
 * server's web chat secret over {@code wv1.<payload>}. Any node with the same secret verifies them; nothing is kept
 * per token, so they cannot be revoked one by one (they expire, and rotating the secret ends them all).
 */
final class VisitorTokens {

	private static final String PREFIX = "wv1.";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final byte[] secret;

	private final JsonMapper json;

	VisitorTokens(byte[] secret, JsonMapper json) {
		this.secret = secret.clone();
		this.json = json;
	}

	String issue(Visitor visitor) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("v", visitor.id());
		claims.put("b", visitor.brand());
		claims.put("l", visitor.language());
		if (visitor.email() != null) {
			claims.put("e", visitor.email());
			claims.put("n", visitor.name());
		}
		claims.put("x", visitor.expires().getEpochSecond());
		String signed = PREFIX + ENCODER.encodeToString(json.writeValueAsBytes(claims));
		return signed + "." + ENCODER.encodeToString(Hmac.sha256(secret, signed.getBytes(StandardCharsets.UTF_8)));
	}

	/** The visitor, when the token is ours, untampered and not expired at {@code now}. */
	Optional<Visitor> verify(String token, Instant now) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 4096) {
			return Optional.empty();
		}
		int dot = token.lastIndexOf('.');
		if (dot <= PREFIX.length()) {
			return Optional.empty();
		}
		String signed = token.substring(0, dot);
		try {
			byte[] expected = Hmac.sha256(secret, signed.getBytes(StandardCharsets.UTF_8));
			if (!Hmac.matches(expected, DECODER.decode(token.substring(dot + 1)))) {
				return Optional.empty();
			}
			JsonNode claims = json.readTree(DECODER.decode(signed.substring(PREFIX.length())));
			long expiresAt = claims.path("x").asLong();
			if (expiresAt <= now.getEpochSecond() || claims.path("v").asString("").isEmpty()) {
				return Optional.empty();
			}
			Instant expires = Instant.ofEpochSecond(expiresAt);
			return Optional.of(new Visitor(claims.path("v").asString(), claims.path("b").asString(null),
					claims.path("l").asString("nl"), claims.path("e").asString(null), claims.path("n").asString(null),
					expires));
		}
		catch (IllegalArgumentException | java.time.DateTimeException | tools.jackson.core.JacksonException e) {
			return Optional.empty();
		}
	}
}
