package nl.baken.access;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.baken.shared.Hmac;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The organisation's own systems that Baken calls (shop, CRM, billing), by name: {@code baken.integrations.NAME.url}
 * and {@code baken.integrations.NAME.secret}. Every call is signed the way Baken signs all outgoing webhooks:
 * {@code Baken-Signature: t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(secret, t + "." + body))}, so the receiver can check both
 * the sender and the age; {@link #verify} is that check.
 */
@Service
public class Integrations {

	public static final String SIGNATURE_HEADER = "Baken-Signature";

	private static final Pattern SIGNATURE = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-fA-F]{64})");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	public record Endpoint(URI url, String secret) {

		@Override
		public String toString() {
			return "Endpoint[" + url + "]";
		}
	}

	/** What the integration answered. */
	public record Answer(int status, String body) {

		public boolean ok() {
			return status >= 200 && status < 300;
		}
	}

	/** The integration could not be reached or did not answer in time. */
	public static class Unreachable extends Exception {

		Unreachable(String message, Throwable cause) {
			super(message, cause);
		}
	}

	private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final Clock clock;

	Integrations(Environment environment, Clock clock) {
		this.clock = clock;
		Binder.get(environment)
			.bind("baken.integrations", Bindable.mapOf(String.class, Endpoint.class))
			.ifBound(endpoints::putAll);
	}

	/** Adds or replaces an integration at run time (the demo's stand-in shop registers itself this way). */
	public void register(String name, URI url, String secret) {
		endpoints.put(name, new Endpoint(url, secret));
	}

	public Optional<Endpoint> endpoint(String name) {
		return Optional.ofNullable(endpoints.get(name));
	}

	/** POSTs a signed JSON body to the integration's URL + {@code path}. */
	public Answer post(String name, String path, String idempotencyKey, String json) throws Unreachable {
		return post(name, path, idempotencyKey, json, TIMEOUT);
	}

	/** Like {@link #post(String, String, String, String)}, waiting at most {@code timeout} for the answer. */
	public Answer post(String name, String path, String idempotencyKey, String json, Duration timeout)
			throws Unreachable {
		Endpoint endpoint = endpoint(name)
			.orElseThrow(() -> new Unreachable("integration '" + name + "' is not configured", null));
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		long t = clock.instant().getEpochSecond();
		String signature = "t=" + t + ",v1=" + Hmac.sha256Hex(endpoint.secret(), signedBytes(t, body));
		HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url().toString().replaceAll("/$", "") + path))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.header(SIGNATURE_HEADER, signature)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException e) {
			throw new Unreachable("integration '" + name + "' did not answer (" + e.getClass().getSimpleName() + ")", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new Unreachable("interrupted while calling integration '" + name + "'", e);
		}
	}

	/**
	 * Checks a {@value #SIGNATURE_HEADER} header: signed with {@code secret} over this body, and made at most
	 * {@code tolerance} before or after now (a replayed old call is refused).
	 */
	public static boolean verify(String secret, String header, byte[] body, java.time.Instant now,
			Duration tolerance) {
		Matcher m = header == null ? null : SIGNATURE.matcher(header);
		if (m == null || !m.matches()) {
			return false;
		}
		long t = Long.parseLong(m.group(1));
		return Math.abs(now.getEpochSecond() - t) <= tolerance.toSeconds()
				&& Hmac.matches(secret, signedBytes(t, body), m.group(2));
	}

	private static byte[] signedBytes(long t, byte[] body) {
		byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
		byte[] signed = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, signed, 0, prefix.length);
		System.arraycopy(body, 0, signed, prefix.length, body.length);
		return signed;
	}
}
