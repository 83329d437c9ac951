package nl.baken.access.internal;

import java.io.Serial;
import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person logged in through their OpenID Connect provider, known in the session by their Baken username and with
 * their Baken roles. Because the name is the username, the session is indexed like a form login's and ends with it
 * when an admin changes their rights; the ID token stays for logging out at the provider.
 */
final class SignedOnUser extends DefaultOidcUser {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String username;

	SignedOnUser(String username, Collection<? extends GrantedAuthority> roles, OidcIdToken idToken,
			OidcUserInfo userInfo) {
		super(roles, idToken, userInfo, "sub");
		this.username = username;
	}

	@Override
	public String getName() {
		return username;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SignedOnUser user && user.username.equals(username) && super.equals(other);
	}

	@Override
	public int hashCode() {
		return username.hashCode();
	}
}
