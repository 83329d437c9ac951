package nl.baken.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An OpenID Connect provider on a free loopback port, speaking the documented wire format: discovery, JWKS,
 * the authorization endpoint (code flow, PKCE with S256 required), the token endpoint (client_secret_basic, one-time
 * codes, the code verifier checked), userinfo and RP-initiated logout. ID tokens are RS256-signed with nimbus-jose-jwt.
 * The person "logged in" at the provider is whoever the test sets with {@link #nextLogin}; there is no login page.
 */
public final class OidcPeer implements AutoCloseable {

	public static final String CLIENT_ID = "baken-test-client";

	public static final String CLIENT_SECRET = "baken-test-secret-" + UUID.randomUUID();

	private final HttpServer server;

	private final RSAKey key;

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> accessTokens = new ConcurrentHashMap<>();

	private final List<Map<String, String>> authorizationRequests = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> logoutRequests = new CopyOnWriteArrayList<>();

	private volatile Map<String, Object> nextPerson = Map.of();

	private volatile Map<String, Object> tamperWith;

	private record Grant(Map<String, Object> person, String nonce, String redirectUri, String challenge) {
	}

	private OidcPeer() throws IOException, JOSEException {
		key = new RSAKeyGenerator(2048).keyID("peer-" + UUID.randomUUID()).generate();
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/.well-known/openid-configuration", this::discovery);
		server.createContext("/jwks", exchange -> send(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
		server.createContext("/authorize", this::authorize);
		server.createContext("/token", this::token);
		server.createContext("/userinfo", this::userInfo);
		server.createContext("/logout", this::logout);
		server.start();
	}

	public static OidcPeer start() {
		try {
			return new OidcPeer();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	public String issuer() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Configures Baken with this provider as registration {@code id}, as an admin would in application properties. */
	public void register(DynamicPropertyRegistry registry, String id, String name) {
		String registration = "spring.security.oauth2.client.registration." + id + ".";
		registry.add(registration + "client-id", () -> CLIENT_ID);
		registry.add(registration + "client-secret", () -> CLIENT_SECRET);
		registry.add(registration + "client-name", () -> name);
		registry.add(registration + "scope", () -> "openid,email,profile");
		registry.add("spring.security.oauth2.client.provider." + id + ".issuer-uri", this::issuer);
	}

	/** The claims of the person who logs in next (at least {@code sub}). */
	public void nextLogin(Map<String, Object> claims) {
		nextPerson = Map.copyOf(claims);
		tamperWith = null;
	}

	/** The next ID token's payload is changed after signing: these claims replace the signed ones. */
	public void tamperNextIdToken(Map<String, Object> claims) {
		tamperWith = Map.copyOf(claims);
	}

	public List<Map<String, String>> authorizationRequests() {
		return List.copyOf(authorizationRequests);
	}

	public List<Map<String, String>> logoutRequests() {
		return List.copyOf(logoutRequests);
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void discovery(HttpExchange exchange) throws IOException {
		String issuer = issuer();
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", issuer);
		metadata.put("authorization_endpoint", issuer + "/authorize");
		metadata.put("token_endpoint", issuer + "/token");
		metadata.put("userinfo_endpoint", issuer + "/userinfo");
		metadata.put("jwks_uri", issuer + "/jwks");
		metadata.put("end_session_endpoint", issuer + "/logout");
		metadata.put("response_types_supported", List.of("code"));
		metadata.put("grant_types_supported", List.of("authorization_code"));
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
		metadata.put("scopes_supported", List.of("openid", "email", "profile"));
		metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
		metadata.put("code_challenge_methods_supported", List.of("S256"));
		metadata.put("claims_supported", List.of("sub", "email", "email_verified", "name", "preferred_username"));
		send(exchange, 200, JSONObjectUtils.toJSONString(metadata));
	}

	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
		authorizationRequests.add(query);
		String redirect = query.get("redirect_uri");
		if (!CLIENT_ID.equals(query.get("client_id")) || redirect == null) {
			send(exchange, 400, "{\"error\":\"invalid_client\"}");
			return;
		}
		String separator = redirect.contains("?") ? "&" : "?";
		String state = query.get("state") == null ? "" : "&state=" + encode(query.get("state"));
		if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
				|| query.get("code_challenge") == null || !String.valueOf(query.get("scope")).contains("openid")) {
			redirect(exchange, redirect + separator + "error=invalid_request" + state);
			return;
		}
		String code = UUID.randomUUID().toString();
		codes.put(code, new Grant(nextPerson, query.get("nonce"), redirect, query.get("code_challenge")));
		redirect(exchange, redirect + separator + "code=" + code + state);
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((encode(CLIENT_ID) + ":" + encode(CLIENT_SECRET)).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401, "{\"error\":\"invalid_client\"}");
			return;
		}
		Grant grant = body.get("code") == null ? null : codes.remove(body.get("code"));
		if (!"authorization_code".equals(body.get("grant_type")) || grant == null
				|| !grant.redirectUri().equals(body.get("redirect_uri"))
				|| !grant.challenge().equals(s256(body.get("code_verifier")))) {
			send(exchange, 400, "{\"error\":\"invalid_grant\"}");
			return;
		}
		String accessToken = UUID.randomUUID().toString();
		accessTokens.put(accessToken, grant.person());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("access_token", accessToken);
		response.put("token_type", "Bearer");
		response.put("expires_in", 300);
		response.put("scope", "openid email profile");
		response.put("id_token", idToken(grant));
		send(exchange, 200, JSONObjectUtils.toJSONString(response));
	}

	private String idToken(Grant grant) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer())
			.audience(CLIENT_ID)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("auth_time", now.getEpochSecond())
			.claim("nonce", grant.nonce());
		grant.person().forEach(claims::claim);
		try {
			SignedJWT token = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims.build());
			token.sign(new RSASSASigner(key));
			String serialized = token.serialize();
			Map<String, Object> tampered = tamperWith;
			if (tampered == null) {
				return serialized;
			}
			tampered.forEach(claims::claim);
			String[] parts = serialized.split("\\.");
			String payload = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(claims.build().toString().getBytes(StandardCharsets.UTF_8));
			return parts[0] + "." + payload + "." + parts[2];
		}
		catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private void userInfo(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		Map<String, Object> person = authorization == null || !authorization.startsWith("Bearer ") ? null
				: accessTokens.get(authorization.substring("Bearer ".length()));
		if (person == null) {
			exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			send(exchange, 401, "{\"error\":\"invalid_token\"}");
			return;
		}
		send(exchange, 200, JSONObjectUtils.toJSONString(person));
	}

	private void logout(HttpExchange exchange) throws IOException {
		Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
		logoutRequests.add(query);
		String back = query.get("post_logout_redirect_uri");
		if (back == null) {
			send(exchange, 200, "{\"loggedOut\":true}");
			return;
		}
		redirect(exchange, back + (query.get("state") == null ? "" : "&state=" + encode(query.get("state"))));
	}

	private static String s256(String verifier) {
		if (verifier == null) {
			return "";
		}
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Map<String, String> form(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = equals < 0 ? pair : pair.substring(0, equals);
			String value = equals < 0 ? "" : pair.substring(equals + 1);
			values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return values;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().add("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}
}
