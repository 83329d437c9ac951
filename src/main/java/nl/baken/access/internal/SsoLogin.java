package nl.baken.access.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * Single sign-on beside the login form, when a provider is configured: the authorization-code flow with PKCE, the
 * person matched by {@link SsoUsers}, a refusal shown on the login page with its reason, and logging out also at the
 * provider when it offers that (so the next person at a shared desk is not logged in as the last one).
 */
final class SsoLogin {

	private static final Logger log = LoggerFactory.getLogger(SsoLogin.class);

	private SsoLogin() {
	}

	static void apply(HttpSecurity http, ClientRegistrationRepository registrations, SsoUsers users,
			SsoSettings settings) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		// PKCE also for confidential clients: a stolen authorization code is then worth nothing
		requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		http.oauth2Login(login -> login.loginPage("/login")
			.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
			.userInfoEndpoint(info -> info.oidcUserService(users))
			.defaultSuccessUrl("/desk", true)
			.failureHandler(SsoLogin::refused));
		if (settings.providerLogout()) {
			OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(
					registrations);
			logout.setPostLogoutRedirectUri("{baseUrl}/login?logout");
			logout.setDefaultTargetUrl("/login?logout");
			http.logout(out -> out.logoutSuccessHandler(logout));
		}
	}

	/** The login page names the reason; the log has the details for an admin. */
	private static void refused(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException refusal) throws IOException {
		String code = refusal instanceof OAuth2AuthenticationException e ? e.getError().getErrorCode() : "";
		String reason = switch (code) {
			case SsoUsers.UNKNOWN -> "unknown";
			case SsoUsers.UNVERIFIED -> "unverified";
			case SsoUsers.DISABLED -> "disabled";
			case SsoUsers.MISSING_CLAIM -> "missing";
			default -> "failed";
		};
		if (reason.equals("failed")) {
			log.warn("single sign-on failed ({}): {}", code, refusal.getMessage());
		}
		response.sendRedirect(request.getContextPath() + "/login?sso=" + reason);
	}
}
