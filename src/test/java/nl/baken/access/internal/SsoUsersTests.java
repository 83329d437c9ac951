package nl.baken.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who single sign-on lets in, given an ID token Spring already verified (the browser test drives the verification
 * itself against a real provider): matching by e-mail or username, and newcomers only where an admin allowed them.
 */
@DatabaseTest
class SsoUsersTests extends ApiTestSupport {

	private static final ClientRegistration PROVIDER = ClientRegistration.withRegistrationId("idp")
		.clientId("baken")
		.clientSecret("geheim")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("https://idp.example/authorize")
		.tokenUri("https://idp.example/token")
		.jwkSetUri("https://idp.example/jwks")
		.scope("openid", "email", "profile")
		.build();

	@Autowired
	Users users;

	@Test
	void newcomersAreRefusedUnlessAnAdminConfiguredADefaultRole() {
		String email = "nieuw-" + UUID.randomUUID() + "@example.nl";
		SsoUsers closed = new SsoUsers(users, settings("email", "email", ""));
		assertThatThrownBy(() -> closed.loadUser(request(email, true, Map.of())))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					e -> assertThat(e.getError().getErrorCode()).isEqualTo(SsoUsers.UNKNOWN));
		assertThat(users.findByEmail(email)).isEmpty();

		SsoUsers open = new SsoUsers(users, settings("email", "email", "agent"));
		String preferred = "Nieuw.Lid-" + UUID.randomUUID().toString().substring(0, 8);
		OidcUser first = open.loadUser(request(email, true, Map.of("preferred_username", preferred, "locale", "en")));
		UserView created = users.findByEmail(email).orElseThrow();
		assertThat(created.username()).isEqualTo(preferred.toLowerCase());
		assertThat(created.roles()).containsExactly(Role.AGENT);
		assertThat(created.language()).isEqualTo("en");
		assertThat(first.getName()).isEqualTo(created.username());
		assertThat(first.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_AGENT");

		// the second time they are recognised, not created again
		assertThat(open.loadUser(request(email.toUpperCase(), true, Map.of("preferred_username", preferred))).getName())
			.isEqualTo(created.username());
		assertThat(users.all()).filteredOn(u -> email.equals(u.email())).hasSize(1);

		String unverified = "onbevestigd-" + UUID.randomUUID() + "@example.nl";
		assertThatThrownBy(() -> open.loadUser(request(unverified, false, Map.of())))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					e -> assertThat(e.getError().getErrorCode()).isEqualTo(SsoUsers.UNVERIFIED));
		assertThat(users.findByEmail(unverified)).isEmpty();
	}

	@Test
	void aConfiguredClaimCanNameTheBakenUsername() {
		String username = "upn-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(username, "Via UPN", "wachtwoord-" + UUID.randomUUID(), EnumSet.of(Role.PLANNER),
				null, "nl"), Actor.system("test"));
		SsoUsers byUsername = new SsoUsers(users, settings("preferred_username", "username", ""));

		// the e-mail claim plays no part here, verified or not
		OidcUser person = byUsername.loadUser(
				request("iemand-anders@example.nl", false, Map.of("preferred_username", username)));
		assertThat(person.getName()).isEqualTo(username);
		assertThat(person.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PLANNER");

		assertThatThrownBy(() -> byUsername.loadUser(request("x@example.nl", true, Map.of())))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					e -> assertThat(e.getError().getErrorCode()).isEqualTo(SsoUsers.MISSING_CLAIM));
	}

	@Test
	void anEmailAddressBelongsToOnePersonAtMost() {
		String email = "Uniek-" + UUID.randomUUID() + "@Example.nl";
		String first = person();
		String second = person();
		assertThat(users.changeEmail(first, "  " + email + " ", Actor.system("test")).email())
			.isEqualTo(email.toLowerCase());
		assertThatThrownBy(() -> users.changeEmail(second, email, Actor.system("test")))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("email"));
		assertThatThrownBy(() -> users.changeEmail(second, "geen-adres", Actor.system("test")))
			.isInstanceOf(InvalidInputException.class);
		assertThat(users.changeEmail(first, " ", Actor.system("test")).email()).isNull();
		assertThat(users.changeEmail(second, email, Actor.system("test")).email()).isEqualTo(email.toLowerCase());
	}

	private String person() {
		String username = "mail-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(username, "Mail", "wachtwoord-" + UUID.randomUUID(), EnumSet.of(Role.AGENT), null,
				"nl"), Actor.system("test"));
		return username;
	}

	private static SsoSettings settings(String claim, String matchTo, String autoCreateRole) {
		return new SsoSettings(claim, matchTo, true, autoCreateRole, "", true);
	}

	private static OidcUserRequest request(String email, boolean verified, Map<String, Object> more) {
		Instant now = Instant.now();
		OidcIdToken.Builder token = OidcIdToken.withTokenValue("id-token")
			.issuer("https://idp.example")
			.subject("subject-" + UUID.randomUUID())
			.audience(Set.of("baken"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300))
			.claim("email", email)
			.claim("email_verified", verified)
			.claim("name", "Iemand Nieuw");
		more.forEach(token::claim);
		return new OidcUserRequest(PROVIDER, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access",
				now, now.plusSeconds(300), Set.of("openid", "email", "profile")), token.build());
	}
}
