package nl.baken.access;

/**
 * An action people may run for a customer, such as a refund, through a configured integration; {@code withAmount}
 * actions carry an amount in euro cents that the limits apply to.
 */
public record AuthorityAction(String id, String nameNl, String nameEn, String integration, String path,
		boolean withAmount) {
}
