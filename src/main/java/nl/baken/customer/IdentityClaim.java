package nl.baken.customer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import nl.baken.shared.Sql;

/**
 * What a sender says about themselves on one contact: the identities the channel vouches for (the first one is the
 * one the channel is sure of), an optional name, and the brand they wrote to.
 */
public record IdentityClaim(List<Identity> identities, String displayName, String brandId, Instant at) {

	public IdentityClaim {
		identities = List.copyOf(identities);
		if (identities.isEmpty()) {
			throw new IllegalArgumentException("a claim needs at least one identity");
		}
		Objects.requireNonNull(at, "at");
		displayName = Sql.storable(displayName);
	}
}
