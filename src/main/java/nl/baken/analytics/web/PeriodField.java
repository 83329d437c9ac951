package nl.baken.analytics.web;

import java.time.DateTimeException;
import java.time.LocalDate;

import org.springframework.ui.Model;

/** A day typed in a page's period form: blank takes the default, a wrong one the default plus the page's error. */
final class PeriodField {

	private PeriodField() {
	}

	static LocalDate date(String value, LocalDate otherwise, Model model, String errorKey) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException e) {
			model.addAttribute("error", errorKey);
			return otherwise;
		}
	}
}
