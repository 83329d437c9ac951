package nl.baken.access.internal;

import java.util.Optional;

import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns a person the provider vouched for (ID token already checked by Spring: signature, issuer, audience, expiry,
 * nonce) into a Baken user: found by the configured claim, refused when unknown, unverified or disabled. Nobody is
 * created unless an admin configured a default role for newcomers.
 */
class SsoUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

	/** Error codes of refusals; the login page explains each. */
	static final String UNKNOWN = "baken_unknown_user";

	static final String UNVERIFIED = "baken_email_unverified";

	static final String DISABLED = "baken_user_disabled";

	static final String MISSING_CLAIM = "baken_missing_claim";

	private static final Logger log = LoggerFactory.getLogger(SsoUsers.class);

	private final OidcUserService provider = new OidcUserService();

	private final Users users;

	private final SsoSettings settings;

	SsoUsers(Users users, SsoSettings settings) {
		this.users = users;
		this.settings = settings;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser person = provider.loadUser(request);
		String registration = request.getClientRegistration().getRegistrationId();
		String value = person.getClaimAsString(settings.matchClaim());
		if (value == null || value.isBlank()) {
			throw refused(MISSING_CLAIM, registration, person, "no '" + settings.matchClaim() + "' claim");
		}
		boolean emailVerified = Boolean.TRUE.equals(person.getEmailVerified());
		if (settings.matchClaim().equals("email") && settings.requireVerifiedEmail() && !emailVerified) {
			throw refused(UNVERIFIED, registration, person, "e-mail address not verified by the provider");
		}
		Optional<UserView> found = settings.matchesUsername() ? users.find(value.strip())
				: users.findByEmail(value);
		UserView user = found.orElseGet(() -> newcomer(registration, person, value, emailVerified));
		if (!user.enabled()) {
			throw refused(DISABLED, registration, person, "user " + user.username() + " is disabled");
		}
		log.info("{} logged in through single sign-on '{}'", user.username(), registration);
		return new SignedOnUser(user.username(),
				user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList(),
				person.getIdToken(), person.getUserInfo());
	}

	private UserView newcomer(String registration, OidcUser person, String value, boolean emailVerified) {
		if (settings.autoCreateRole() == null) {
			throw refused(UNKNOWN, registration, person, "no user with " + settings.matchClaim() + " " + value);
		}
		// an address the provider did not verify would let anyone claim someone else's identity later
		String email = emailVerified ? person.getEmail() : null;
		if (!settings.matchesUsername() && email == null) {
			throw refused(UNVERIFIED, registration, person, "a newcomer needs a verified e-mail address");
		}
		String suggested = settings.matchesUsername() ? value
				: person.getPreferredUsername() != null ? person.getPreferredUsername() : email;
		String language = person.getLocale() != null && person.getLocale().startsWith("en") ? "en" : "nl";
		return users.createSignedOn(suggested, person.getFullName(), email, settings.autoCreateRole(),
				settings.autoCreateTeam(), language, Actor.system("sso:" + registration));
	}

	private static OAuth2AuthenticationException refused(String code, String registration, OidcUser person,
			String why) {
		log.info("single sign-on '{}' refused subject {}: {}", registration, person.getSubject(), why);
		return new OAuth2AuthenticationException(new OAuth2Error(code, why, null), why);
	}
}
