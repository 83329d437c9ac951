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

/**
 * The browser side: a login form, and single sign-on through OpenID Connect when a provider is configured; sessions
 * kept in the database (Spring Session JDBC, shared by all nodes), CSRF protection on every form, and everything but
 * the public pages behind a login.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

	/** bcrypt today, and old hashes keep working when the default moves on. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

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
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/desk", true).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"));
		ClientRegistrationRepository providers = registrations.getIfAvailable();
		if (providers != null) {
			SsoLogin.apply(http, providers, new SsoUsers(users, sso), sso);
		}
		return http.build();
	}
}
