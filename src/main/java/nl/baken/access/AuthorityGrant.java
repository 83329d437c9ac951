package nl.baken.access;

/** A role's right to run an action, up to {@code limitCents} (null: no limit). */
public record AuthorityGrant(Role role, String actionId, Long limitCents) {
}
