package nl.baken.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The phone menu a brand plays on one of its numbers. */
public record IvrMenu(UUID id, String brandId, String number, String name, List<IvrOption> options,
		Instant updatedAt) {

	public IvrMenu {
		options = options == null ? List.of() : List.copyOf(options);
	}
}
