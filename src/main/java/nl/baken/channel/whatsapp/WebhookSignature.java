package nl.baken.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import nl.baken.shared.Hmac;

/**
 * Meta's {@code X-Hub-Signature-256} header: {@code sha256=} and the hex HMAC-SHA256 of the raw request body, keyed
 * with the app secret. Compared in constant time, so the answer's timing tells nothing about the right signature.
 */
final class WebhookSignature {

	static final String HEADER = "X-Hub-Signature-256";

	private static final String PREFIX = "sha256=";

	private WebhookSignature() {
	}

	static boolean valid(String header, byte[] body, String appSecret) {
		if (header == null || appSecret == null || appSecret.isEmpty() || !header.startsWith(PREFIX)) {
			return false;
		}
		byte[] given;
		try {
			given = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip().toLowerCase());
		}
		catch (IllegalArgumentException e) {
			return false;
		}
		return MessageDigest.isEqual(hmac(body == null ? new byte[0] : body, appSecret), given);
	}

	/** The header value Meta would send for {@code body}. */
	static String sign(byte[] body, String appSecret) {
		return PREFIX + HexFormat.of().formatHex(hmac(body, appSecret));
	}

	private static byte[] hmac(byte[] body, String secret) {
		return Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body);
	}
}
