package nl.baken.access;

import java.util.Set;
import java.util.UUID;

import nl.baken.shared.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The integration behind the API token of the current request. */
public record ApiClient(UUID tokenId, String name, Set<Scope> scopes) {

	public Actor actor() {
		return Actor.system("token:" + name);
	}

	/** The caller of the current request; endpoints under {@code /api} are only reached with a valid token. */
	public static ApiClient current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ApiClient client) {
			return client;
		}
		throw new IllegalStateException("no API client authenticated for this request");
	}
}
