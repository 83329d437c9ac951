package nl.baken.access.internal;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Username and password login that refuses a username with too many recent failures before checking anything. */
class ThrottledLogin extends DaoAuthenticationProvider {

	private final LoginThrottle throttle;

	ThrottledLogin(UserDetailsService users, PasswordEncoder passwords, LoginThrottle throttle) {
		super(users);
		setPasswordEncoder(passwords);
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		if (throttle.blocked(username)) {
			throw new LockedException("too many failed logins");
		}
		try {
			Authentication result = super.authenticate(authentication);
			throttle.succeeded(username);
			return result;
		}
		catch (BadCredentialsException e) {
			throttle.failed(username);
			throw e;
		}
	}
}
