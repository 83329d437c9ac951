package nl.baken.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 as webhooks, visitor tokens and signed integration calls use it, compared in constant time so a forger
 * learns nothing from how fast a wrong signature fails.
 */
public final class Hmac {

	private Hmac() {
	}

	public static byte[] sha256(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}

	public static String sha256Hex(String secret, byte[] data) {
		return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8), data));
	}

	/** Whether {@code given} is the signature {@code expected}; null never is. */
	public static boolean matches(byte[] expected, byte[] given) {
		return given != null && MessageDigest.isEqual(expected, given);
	}

	/** Whether {@code hex} is the signature of {@code data}. */
	public static boolean matches(String secret, byte[] data, String hex) {
		if (hex == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256Hex(secret, data).getBytes(StandardCharsets.US_ASCII),
				hex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}
}
