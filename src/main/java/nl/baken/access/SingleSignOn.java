package nl.baken.access;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Service;

/**
 * The OpenID Connect providers configured for logging in ({@code spring.security.oauth2.client.registration.*}); none
 * when single sign-on is not configured, and then the login form is the only way in.
 */
@Service
public class SingleSignOn {

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	SingleSignOn(ObjectProvider<ClientRegistrationRepository> registrations) {
		this.registrations = registrations;
	}

	public List<SsoProvider> providers() {
		List<SsoProvider> providers = new ArrayList<>();
		if (registrations.getIfAvailable() instanceof Iterable<?> all) {
			for (Object each : all) {
				if (each instanceof ClientRegistration registration
						&& registration.getScopes().contains("openid")) {
					providers.add(new SsoProvider(registration.getRegistrationId(), registration.getClientName(),
							"/oauth2/authorization/" + registration.getRegistrationId()));
				}
			}
		}
		return providers;
	}
}
