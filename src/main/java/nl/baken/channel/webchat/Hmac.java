package nl.baken.channel.webchat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, compared in constant time so a forger learns nothing from how fast a wrong signature fails. */
final class Hmac {

	private Hmac() {
	}

	static byte[] sign(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}

	static boolean matches(byte[] expected, byte[] given) {
		return given != null && MessageDigest.isEqual(expected, given);
	}
}
