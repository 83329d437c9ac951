package nl.baken.access.internal;

import nl.baken.access.Users;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * The browser side: a login form, and single sign-on through OpenID Connect when a provider is configured; sessions
 * kept in the database (Spring Session JDBC, shared by all nodes), CSRF protection on every form, everything but
 * the public pages behind a login, and a content security policy on Baken's own pages.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

	/** bcrypt today, and old hashes keep working when the default moves on. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Scripts only from Baken's own files, so customer text that ever slipped past escaping could not run; no
	 * framing. Inline styles stay allowed: a few pages compute a style attribute (an indent, a chart colour).
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	ThrottledLogin throttledLogin(JdbcClient jdbc, PasswordEncoder passwords, LoginThrottle throttle) {
		return new ThrottledLogin(new UserAccounts(jdbc), passwords, throttle);
	}

	@Bean
	@Order(2)
	SecurityFilterChain uiSecurity(HttpSecurity http, ThrottledLogin login,
			ObjectProvider<ClientRegistrationRepository> registrations, Users users, SsoSettings sso)
			throws Exception {
		http.authenticationProvider(login)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/", "/index.html", "/login", "/css/**", "/js/**", "/favicon.ico", "/error",
						"/openapi", "/openapi/**", "/swagger-ui.html", "/swagger-ui/**", "/actuator/health/**",
						"/actuator/health", "/actuator/info", "/help", "/help/**", "/contact", "/contact/**",
						"/webchat/widget.js", "/webchat/demo")
				.permitAll()
				.requestMatchers("/desk/admin/**")
				.hasRole("ADMIN")
				.requestMatchers("/desk/rules", "/desk/rules/**")
				.hasAnyRole("TEAM_LEAD", "ADMIN")
				.requestMatchers("/desk/kpis", "/desk/kpis/**", "/desk/planning")
				.hasAnyRole("TEAM_LEAD", "PLANNER", "ADMIN")
				.anyRequest()
				.authenticated())
			// Swagger UI is springdoc's page, with its own needs
			.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					new NegatedRequestMatcher(PathPatternRequestMatcher.pathPattern("/swagger-ui/**")),
					new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY))))
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/desk", true).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"));
		ClientRegistrationRepository providers = registrations.getIfAvailable();
		if (providers != null) {
			SsoLogin.apply(http, providers, new SsoUsers(users, sso), sso);
		}
		return http.build();
	}
}
