package nl.baken.access;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People who log in: created with a hashed password, and every session of theirs ends when it changes. */
@Service
public class Users {

	/** Long passphrases beat complicated short ones; no other composition rules. */
	public static final int MIN_PASSWORD_LENGTH = 10;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final FindByIndexNameSessionRepository<?> sessions;

	private final AuditLog audit;

	private final Clock clock;

	Users(JdbcClient jdbc, PasswordEncoder passwords, FindByIndexNameSessionRepository<?> sessions, AuditLog audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.sessions = sessions;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public UserView create(NewUser user, Actor by) {
		if (user.username() == null || !user.username().matches("[a-z0-9][a-z0-9._-]{1,99}")) {
			throw new InvalidInputException("username",
					"a username is 2 to 100 lower-case letters, digits, '.', '_' or '-'");
		}
		if (user.displayName() == null || user.displayName().isBlank()) {
			throw new InvalidInputException("displayName", "a user needs a name");
		}
		requireStrong(user.password());
		if (user.roles().isEmpty()) {
			throw new InvalidInputException("roles", "a user needs at least one role");
		}
		String language = user.language() == null ? "nl" : user.language();
		if (!language.matches("nl|en")) {
			throw new InvalidInputException("language", "language is 'nl' or 'en'");
		}
		UUID id = Ids.next();
		var now = clock.instant();
		jdbc.sql("""
				insert into app_user (id, username, display_name, password_hash, roles, team_id, language, enabled,
				                      password_changed_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?, true, ?, ?)""")
			.params(id, user.username(), user.displayName().strip(), passwords.encode(user.password()),
					codes(user.roles()), user.teamId(), language, Sql.utc(now), Sql.utc(now))
			.update();
		audit.record(by, "user.created", "user", user.username(), Map.of("roles", codes(user.roles())));
		return new UserView(id, user.username(), user.displayName().strip(), EnumSet.copyOf(user.roles()),
				user.teamId(), language, true, now, null);
	}

	/** {@link #create} with the e-mail address single sign-on recognises the person by (null or blank: none). */
	@Transactional
	public UserView createWithEmail(NewUser user, String email, Actor by) {
		UserView created = create(user, by);
		return email == null || email.isBlank() ? created : changeEmail(created.username(), email, by);
	}

	public Optional<UserView> find(String username) {
		return jdbc.sql("select * from app_user where username = ?").param(username).query(Users::user).optional();
	}

	/** The person with this e-mail address (compared without case), as single sign-on recognises them. */
	public Optional<UserView> findByEmail(String email) {
		String normalised = normaliseEmail(email);
		if (normalised == null) {
			return Optional.empty();
		}
		return jdbc.sql("select * from app_user where email = ?").param(normalised).query(Users::user).optional();
	}

	/**
	 * Sets or clears (null or blank) the e-mail address single sign-on recognises the person by. Two people cannot
	 * share one address: that would let one of them log in as the other.
	 */
	@Transactional
	public UserView changeEmail(String username, String email, Actor by) {
		UserView before = find(username).orElseThrow(() -> new NotFoundException("User", username));
		String normalised = normaliseEmail(email);
		if (email != null && !email.isBlank() && normalised == null) {
			throw new InvalidInputException("email", "not an e-mail address: '" + email.strip() + "'");
		}
		if (Objects.equals(before.email(), normalised)) {
			return before;
		}
		if (normalised != null && findByEmail(normalised).isPresent()) {
			throw new InvalidInputException("email", "another user has the e-mail address " + normalised);
		}
		jdbc.sql("update app_user set email = ? where username = ?").params(normalised, username).update();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("email", normalised);
		audit.record(by, "user.email-changed", "user", username, details);
		return find(username).orElseThrow();
	}

	/**
	 * A person single sign-on met for the first time, created only where an admin switched that on with a default
	 * role. The username comes from the suggestion (made valid and unique); the password is random and never shown,
	 * so they log in through their provider until an admin sets one.
	 */
	@Transactional
	public UserView createSignedOn(String suggestedUsername, String displayName, String email, Role role,
			String teamId, String language, Actor by) {
		String base = suggestedUsername == null ? "" : suggestedUsername.strip().toLowerCase(Locale.ROOT)
			.replaceAll("@.*$", "")
			.replaceAll("[^a-z0-9._-]", "-")
			.replaceAll("^[^a-z0-9]+", "");
		if (base.length() < 2) {
			base = "user-" + base;
		}
		base = base.substring(0, Math.min(base.length(), 90));
		String username = base;
		for (int n = 2; find(username).isPresent(); n++) {
			username = base + "-" + n;
		}
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
		create(new NewUser(username, name.substring(0, Math.min(name.length(), 200)),
				Base64.getUrlEncoder().encodeToString(secret), EnumSet.of(role), teamId,
				"en".equals(language) ? "en" : "nl"), by);
		return email == null ? find(username).orElseThrow() : changeEmail(username, email, by);
	}

	/** Lower-case and stripped, or null when it is no e-mail address. */
	static String normaliseEmail(String email) {
		if (email == null) {
			return null;
		}
		String stripped = email.strip().toLowerCase(Locale.ROOT);
		return stripped.length() <= 320 && stripped.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? stripped : null;
	}

	public boolean any() {
		return jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0;
	}

	public List<UserView> all() {
		return jdbc.sql("select * from app_user order by username").query(Users::user).list();
	}

	/**
	 * An admin changes who someone is in Baken. A change of roles or team, or disabling the account, ends their
	 * sessions on every node, so what they may do changes at once rather than at their next login.
	 */
	@Transactional
	public UserView update(String username, String displayName, Set<Role> roles, String teamId, String language,
			boolean enabled, Actor by) {
		UserView before = find(username).orElseThrow(() -> new NotFoundException("User", username));
		if (displayName == null || displayName.isBlank()) {
			throw new InvalidInputException("displayName", "a user needs a name");
		}
		if (roles.isEmpty()) {
			throw new InvalidInputException("roles", "a user needs at least one role");
		}
		if (language == null || !language.matches("nl|en")) {
			throw new InvalidInputException("language", "language is 'nl' or 'en'");
		}
		if (by.id() != null && by.id().equals(username) && (!enabled || !roles.contains(Role.ADMIN))
				&& before.roles().contains(Role.ADMIN)) {
			throw new RuleViolationException("admins cannot disable themselves or take away their own admin role");
		}
		jdbc.sql("""
				update app_user set display_name = ?, roles = ?, team_id = ?, language = ?, enabled = ?
				where username = ?""")
			.params(displayName.strip(), codes(roles), teamId, language, enabled, username)
			.update();
		boolean rightsChanged = !before.roles().equals(roles) || !Objects.equals(before.teamId(), teamId)
				|| (before.enabled() && !enabled);
		if (rightsChanged) {
			endSessions(username);
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("roles", codes(roles));
		details.put("teamId", teamId);
		details.put("enabled", enabled);
		audit.record(by, "user.updated", "user", username, details);
		return find(username).orElseThrow();
	}

	/** The same, with the e-mail address single sign-on recognises the person by (blank clears it). */
	@Transactional
	public UserView update(String username, String displayName, String email, Set<Role> roles, String teamId,
			String language, boolean enabled, Actor by) {
		changeEmail(username, email, by);
		return update(username, displayName, roles, teamId, language, enabled, by);
	}

	/** An admin sets a new password for someone who lost theirs; every session of that person ends. */
	@Transactional
	public void resetPassword(String username, String newPassword, Actor by) {
		requireStrong(newPassword);
		if (jdbc.sql("update app_user set password_hash = ?, password_changed_at = ? where username = ?")
			.params(passwords.encode(newPassword), Sql.utc(clock.instant()), username)
			.update() == 0) {
			throw new NotFoundException("User", username);
		}
		endSessions(username);
		audit.record(by, "user.password-reset", "user", username, Map.of());
	}

	private void endSessions(String username) {
		sessions.findByPrincipalName(username).keySet().forEach(sessions::deleteById);
	}

	/** Changes the password after checking the current one, and ends every session of the user on every node. */
	@Transactional
	public void changePassword(String username, String currentPassword, String newPassword) {
		String hash = jdbc.sql("select password_hash from app_user where username = ?")
			.param(username)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("User", username));
		if (currentPassword == null || !passwords.matches(currentPassword, hash)) {
			throw new InvalidInputException("currentPassword", "the current password is not right");
		}
		requireStrong(newPassword);
		jdbc.sql("update app_user set password_hash = ?, password_changed_at = ? where username = ?")
			.params(passwords.encode(newPassword), Sql.utc(clock.instant()), username)
			.update();
		endSessions(username);
		audit.record(Actor.agent(username), "user.password-changed", "user", username, Map.of());
	}

	private static void requireStrong(String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new InvalidInputException("password",
					"a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
		}
	}

	private static String codes(Set<Role> roles) {
		return roles.stream().map(Role::code).sorted().collect(Collectors.joining(" "));
	}

	private static UserView user(ResultSet rs, int row) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Arrays.stream(rs.getString("roles").split(" ")).map(Role::fromCode).forEach(roles::add);
		return new UserView(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				roles, rs.getString("team_id"), rs.getString("language"), rs.getBoolean("enabled"),
				Sql.instant(rs, "created_at"), rs.getString("email"));
	}
}
