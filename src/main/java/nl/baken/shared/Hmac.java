package nl.baken.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as webhooks and signed integration calls use it, hex-encoded, compared in constant time. */
public final class Hmac {

	private Hmac() {
	}

	public static String sha256Hex(String secret, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(data));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}

	/** Whether {@code hex} is the signature of {@code data}; takes the same time wherever the two differ. */
	public static boolean matches(String secret, byte[] data, String hex) {
		if (hex == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256Hex(secret, data).getBytes(StandardCharsets.US_ASCII),
				hex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}
}
