package nl.baken.desk;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language a person chose in their profile; before login, the browser's if it asks for Dutch or English, else
 * Dutch. API clients get English unless they ask for Dutch, since integrators rarely send Accept-Language. Public
 * pages that carry their language in the address ({@code /help/en/...}, {@code /contact/nl}) are shown in it.
 */
@Component("localeResolver")
class DeskLocaleResolver implements LocaleResolver {

	static final Locale DUTCH = Locale.of("nl");

	private static final java.util.regex.Pattern LANGUAGE_IN_ADDRESS = java.util.regex.Pattern
		.compile("^/(help|contact)/(nl|en)(/.*)?$");

	private final Users users;

	DeskLocaleResolver(Users users) {
		this.users = users;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		var inAddress = LANGUAGE_IN_ADDRESS.matcher(request.getRequestURI());
		if (inAddress.matches()) {
			return Locale.of(inAddress.group(2));
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)
				&& !request.getRequestURI().startsWith("/api/")) {
			String language = users.find(authentication.getName()).map(UserView::language).orElse(null);
			if (language != null) {
				return Locale.of(language);
			}
		}
		String accepted = request.getHeader("Accept-Language");
		String asked = accepted == null ? "" : accepted.trim().toLowerCase(Locale.ROOT);
		if (request.getRequestURI().startsWith("/api/")) {
			return asked.startsWith("nl") ? DUTCH : Locale.ENGLISH;
		}
		return asked.startsWith("en") ? Locale.ENGLISH : DUTCH;
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		throw new UnsupportedOperationException("the language is part of the user's profile");
	}
}
