package nl.baken.routing;

import java.time.Instant;

/** A time a customer may pick for a callback, with the callbacks that still fit in it. */
public record CallbackSlot(Instant start, Instant end, int free) {
}
