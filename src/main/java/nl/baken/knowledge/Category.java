package nl.baken.knowledge;

/** A help-center section such as "delivery"; {@code id} appears in readable addresses. */
public record Category(String id, String nameNl, String nameEn, int position) {

	public String name(String language) {
		return "nl".equals(language) ? nameNl : nameEn;
	}
}
