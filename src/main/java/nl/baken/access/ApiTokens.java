package nl.baken.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.Sql;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes API tokens. Only a SHA-256 hash of a token is stored: tokens are 256 random bits, so a
 * slow password hash adds nothing but latency to every request. Checked tokens are cached for a few seconds; a
 * revocation therefore reaches other nodes within {@link #CACHE_TTL}.
 */
@Service
public class ApiTokens {

	static final Duration CACHE_TTL = Duration.ofSeconds(10);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public IssuedToken issue(String name, Set<Scope> scopes, Actor issuer) {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return register(name, scopes, "bkn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), issuer);
	}

	/** Stores a token whose value the caller chose, e.g. the documented demo token. */
	@Transactional
	public IssuedToken register(String name, Set<Scope> scopes, String token, Actor issuer) {
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new InvalidInputException("name", "a token needs a name of 1 to 200 characters");
		}
		if (scopes.isEmpty()) {
			throw new InvalidInputException("scopes", "a token needs at least one scope");
		}
		UUID id = Ids.next();
		jdbc.sql("insert into api_token (id, name, token_hash, scopes, created_at) values (?, ?, ?, ?, ?)")
			.params(id, name, hash(token), codes(scopes), now())
			.update();
		audit.record(issuer, "api-token.issued", "api_token", id.toString(),
				Map.of("name", name, "scopes", codes(scopes)));
		return new IssuedToken(id, name, EnumSet.copyOf(scopes), token);
	}

	@Transactional
	public void revoke(UUID id, Actor by) {
		int changed = jdbc.sql("update api_token set revoked_at = ? where id = ? and revoked_at is null")
			.params(now(), id)
			.update();
		if (changed == 0) {
			throw new NotFoundException("Active API token", id);
		}
		cache.values().removeIf(cached -> cached.client().tokenId().equals(id));
		audit.record(by, "api-token.revoked", "api_token", id.toString(), Map.of());
	}

	public List<TokenSummary> list() {
		return jdbc.sql("select id, name, scopes, created_at, revoked_at from api_token order by created_at")
			.query((rs, n) -> new TokenSummary(rs.getObject("id", UUID.class), rs.getString("name"),
					parse(rs.getString("scopes")), Sql.instant(rs, "created_at"),
					Sql.instant(rs, "revoked_at")))
			.list();
	}

	public boolean anyIssued() {
		return jdbc.sql("select count(*) from api_token").query(Long.class).single() > 0;
	}

	/** The client a presented token belongs to, if it exists and is not revoked. */
	public Optional<ApiClient> authenticate(String token) {
		String hash = hash(token);
		long nowNanos = System.nanoTime();
		Cached cached = cache.get(hash);
		if (cached != null && cached.expiresAtNanos() - nowNanos > 0) {
			return Optional.of(cached.client());
		}
		Optional<ApiClient> client = jdbc
			.sql("select id, name, scopes from api_token where token_hash = ? and revoked_at is null")
			.param(hash)
			.query((rs, n) -> new ApiClient(rs.getObject("id", UUID.class), rs.getString("name"),
					parse(rs.getString("scopes"))))
			.optional();
		client.ifPresentOrElse(c -> cache.put(hash, new Cached(c, nowNanos + CACHE_TTL.toNanos())),
				() -> cache.remove(hash));
		return client;
	}

	private OffsetDateTime now() {
		return Sql.utc(Instant.now(clock));
	}

	private static String codes(Set<Scope> scopes) {
		return scopes.stream().map(Scope::code).sorted().collect(Collectors.joining(" "));
	}

	private static Set<Scope> parse(String codes) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		Arrays.stream(codes.split(" ")).map(Scope::fromCode).flatMap(Optional::stream).forEach(scopes::add);
		return scopes;
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public record TokenSummary(UUID id, String name, Set<Scope> scopes, Instant createdAt, Instant revokedAt) {
	}

	private record Cached(ApiClient client, long expiresAtNanos) {
	}
}
