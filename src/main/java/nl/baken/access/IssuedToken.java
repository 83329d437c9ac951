package nl.baken.access;

import java.util.Set;
import java.util.UUID;

/** A newly created token; {@code token} is shown this once and only its hash is stored. */
public record IssuedToken(UUID id, String name, Set<Scope> scopes, String token) {
}
