package nl.baken.channel.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import nl.baken.channel.RemoteMedia;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches a customer's WhatsApp media the Cloud API way: {@code GET {graph}/{version}/{media-id}} answers a short-lived
 * download address, MIME type and SHA-256; the file itself comes from that address with the same bearer token.
 * The address must be HTTPS (or on the configured Graph host, as in tests), the file at most {@link #MAX_BYTES} and
 * its SHA-256 must match.
 */
final class WhatsAppMedia implements RemoteMedia {

	static final String SCHEME = "whatsapp-media";

	/** WhatsApp's own limit for documents is 100 MB; a desk download stays well below what a database row holds. */
	static final int MAX_BYTES = 25 * 1024 * 1024;

	private final WhatsAppProperties properties;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	WhatsAppMedia(WhatsAppProperties properties) {
		this.properties = properties;
		// no redirects: the token goes only to the Graph API and to the download address checked below
		this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	@Override
	public String scheme() {
		return SCHEME;
	}

	@Override
	public Media fetch(String id) throws Unavailable {
		Fetched lookup = get(properties.mediaUri(id));
		if (lookup.statusCode() / 100 != 2) {
			throw new Unavailable("WhatsApp has no such file any more (HTTP " + lookup.statusCode()
					+ "); media is kept for 30 days");
		}
		JsonNode answer;
		try {
			answer = json.readTree(lookup.body());
		}
		catch (JacksonException e) {
			throw new Unavailable("WhatsApp answered the media look-up with something other than JSON");
		}
		URI address = address(answer.path("url").asString(""));
		String type = answer.path("mime_type").asString("application/octet-stream");
		Fetched file = get(address);
		if (file.statusCode() / 100 != 2) {
			throw new Unavailable("WhatsApp refused the download (HTTP " + file.statusCode() + ")");
		}
		String sha256 = answer.path("sha256").asString("");
		if (!sha256.isBlank() && !sha256.toLowerCase(Locale.ROOT).equals(sha256(file.body()))) {
			throw new Unavailable("The file from WhatsApp does not match its SHA-256");
		}
		return new Media(type, file.body());
	}

	private URI address(String url) throws Unavailable {
		URI address;
		try {
			address = URI.create(url);
		}
		catch (IllegalArgumentException e) {
			throw new Unavailable("WhatsApp gave no valid download address");
		}
		URI graph = properties.graphBaseUrl();
		boolean sameHost = graph.getScheme().equals(address.getScheme()) && graph.getHost() != null
				&& graph.getHost().equalsIgnoreCase(address.getHost()) && graph.getPort() == address.getPort();
		if (!"https".equals(address.getScheme()) && !sameHost) {
			throw new Unavailable("WhatsApp gave a download address that is not HTTPS");
		}
		return address;
	}

	private Fetched get(URI uri) throws Unavailable {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(properties.timeout())
			.header("Authorization", "Bearer " + properties.accessToken())
			.GET()
			.build();
		try {
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				byte[] bytes = body.readNBytes(MAX_BYTES + 1);
				if (bytes.length > MAX_BYTES) {
					throw new Unavailable("The file is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
				}
				return new Fetched(response.statusCode(), bytes);
			}
		}
		catch (IOException e) {
			throw new Unavailable("WhatsApp Graph API not reachable: " + e.getClass().getSimpleName());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new Unavailable("Interrupted while fetching from WhatsApp");
		}
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
	}

	/** A response whose body was read with a limit. */
	private record Fetched(int statusCode, byte[] body) {
	}
}
