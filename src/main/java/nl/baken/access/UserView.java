package nl.baken.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person who logs in; never carries the password hash. {@code email} (lower-case, may be null) is how single
 * sign-on recognises them.
 */
public record UserView(UUID id, String username, String displayName, Set<Role> roles, String teamId, String language,
		boolean enabled, Instant createdAt, String email) {
}
