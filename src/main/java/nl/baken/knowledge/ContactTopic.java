package nl.baken.knowledge;

/**
 * A subject on the contact page ("returns") with the team that handles it, the channels that reach that team (any may
 * be null) and its business hours as customers read them.
 */
public record ContactTopic(String id, String nameNl, String nameEn, String teamId, String email, String phone,
		String whatsapp, String hoursNl, String hoursEn, int position) {

	public String name(String language) {
		return "nl".equals(language) ? nameNl : nameEn;
	}

	public String hours(String language) {
		return "nl".equals(language) ? hoursNl : hoursEn;
	}
}
