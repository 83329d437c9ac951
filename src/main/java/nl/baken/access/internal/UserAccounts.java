package nl.baken.access.internal;

import java.util.List;

import nl.baken.access.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;


/**
 * Loads a person for the login form: password hash, roles as authorities, disabled accounts refused. Not a bean of
 * its own: only {@link ThrottledLogin} may use it, so no login path skips the throttle.
 */
class UserAccounts implements UserDetailsService {

	private final JdbcClient jdbc;

	UserAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return jdbc.sql("select username, password_hash, roles, enabled from app_user where username = ?")
			.param(username)
			.query((rs, n) -> User.withUsername(rs.getString("username"))
				.password(rs.getString("password_hash"))
				.disabled(!rs.getBoolean("enabled"))
				.authorities(List.of(rs.getString("roles").split(" "))
					.stream()
					.map(code -> new SimpleGrantedAuthority(Role.fromCode(code).authority()))
					.toList())
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no user " + username));
	}
}
