package nl.baken.routing;

/**
 * Where a leaf of a phone menu sends the caller: a team's queue and, optionally, the key of an {@code ivr}
 * requirement profile that gives the contact its skills and priority.
 */
public record IvrTarget(String teamId, String profileKey) {
}
