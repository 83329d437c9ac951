package nl.baken.conversation;

/**
 * What a contact was about. {@code informational}: published content could have answered it;
 * {@code satisfier}: a contact the customer values, otherwise one they would rather not have needed.
 */
public record ContactReason(String id, String nameNl, String nameEn, boolean informational, boolean satisfier) {

	public String valence() {
		return satisfier ? "satisfier" : "dissatisfier";
	}
}
