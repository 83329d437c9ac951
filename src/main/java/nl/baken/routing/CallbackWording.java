package nl.baken.routing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * How a callback's promise reads for the customer, in Dutch or English and the callbacks' time zone: the one wording
 * of the confirmation message on their channel and of the contact page's confirmation.
 */
@Component
public class CallbackWording {

	private final MessageSource texts;

	private final Clock clock;

	private final ZoneId zone;

	CallbackWording(MessageSource texts, Clock clock,
			@Value("${baken.callbacks.time-zone:Europe/Amsterdam}") String zone) {
		this.texts = texts;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	/** {@code nl} unless the language is English. */
	public static Locale locale(String language) {
		return "en".equals(language) ? Locale.ENGLISH : Locale.of("nl");
	}

	public String confirmation(CallbackView c, CallbackChanged.Change change, Locale locale) {
		ZonedDateTime from = c.promisedFrom().atZone(zone);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
		String day = day(from, locale);
		String key = switch (change) {
			case REQUESTED -> requested(c);
			case RESCHEDULED -> "callback.confirm.rescheduled";
			case CANCELLED -> "callback.confirm.cancelled";
		};
		return texts.getMessage(key,
				new Object[] { c.phone(), day, time.format(from), time.format(c.promisedTo().atZone(zone)) }, locale);
	}

	private static String requested(CallbackView c) {
		if ("linked".equals(c.status())) {
			return c.askedByAnyone() ? "callback.confirm.linkedPublic" : "callback.confirm.linked";
		}
		return "in_queue".equals(c.kind()) ? "callback.confirm.inQueue" : "callback.confirm.scheduled";
	}

	/** A slot as the customer picks it: "today 14:00–14:30". */
	public String slot(CallbackSlot slot, Locale locale) {
		ZonedDateTime from = slot.start().atZone(zone);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
		return day(from, locale) + " " + time.format(from) + "–" + time.format(slot.end().atZone(zone));
	}

	private String day(ZonedDateTime at, Locale locale) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		if (at.toLocalDate().equals(today)) {
			return texts.getMessage("callback.confirm.today", null, locale);
		}
		if (at.toLocalDate().equals(today.plusDays(1))) {
			return texts.getMessage("callback.confirm.tomorrow", null, locale);
		}
		return DateTimeFormatter.ofPattern("EEEE d MMMM", locale).format(at);
	}
}
