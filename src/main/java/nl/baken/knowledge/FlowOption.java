package nl.baken.knowledge;

/** One answer to a question step, in Dutch and English, and the id of the step it leads to. */
public record FlowOption(String labelNl, String labelEn, String next) {

	public String label(String language) {
		return "en".equals(language) ? labelEn : labelNl;
	}
}
