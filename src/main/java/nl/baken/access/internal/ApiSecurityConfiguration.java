package nl.baken.access.internal;

import nl.baken.access.ProviderWebhook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The API is stateless and needs a bearer token on every request; which scopes an endpoint needs is declared on the
 * endpoint with {@code @RequiresScope} and checked by {@link ScopeInterceptor}. The one exception are providers'
 * webhooks ({@code @ProviderWebhook}), which carry the provider's signature instead of a token.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	/**
	 * No observations of security filters, authentication or authorisation: they were switched off by property, but
	 * each filter of every request was still wrapped in a no-op observation, a visible share of an inbound call.
	 */
	@Bean
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenFilter tokenFilter, ProblemResponses problems)
			throws Exception {
		return http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.anonymous(anonymous -> anonymous.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(tokenFilter, AuthorizationFilter.class)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// a provider's webhook proves itself by signature, checked by its handler (see ScopeInterceptor)
			.authorizeHttpRequests(requests -> requests.requestMatchers(ProviderWebhook.PATH)
				.permitAll()
				.anyRequest()
				.authenticated())
			.build();
	}
}
