package nl.baken.proactive;

import java.util.List;

/**
 * The notifications {@link Notifications} can send and their templates. {@code incident-update} (placeholders
 * {@code title}, {@code status}, {@code expectedEnd}) and {@code rule-warning} ({@code text}) always exist; admins
 * edit their wording in the desk.
 */
public interface NotificationTemplates {

	/** Defines a notification or changes its placeholders (refused while a template uses one no longer named). */
	void defineKind(String name, List<String> placeholders);

	/** Checks and stores a template; an unknown or broken placeholder is an {@code InvalidInputException}. */
	NotificationTemplate save(NotificationTemplate template, String by);

	/** The notification's templates, all channels and languages. */
	List<NotificationTemplate> templates(String name);
}
