package nl.baken.desk;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.baken.access.SingleSignOn;
import nl.baken.access.Teams;
import nl.baken.access.UserView;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboxFilter;
import nl.baken.customer.Brands;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class DeskController {

	private static final int PAGE = 100;

	/** Notices other desk actions redirect here with, as message keys; anything else in the address is ignored. */
	private static final Set<String> NOTICES = Set.of("desk.pick.none", "desk.pick.offline",
			"desk.presence.invalid");

	private final Conversations conversations;

	private final ContactReasons reasons;

	private final Brands brands;

	/** Why single sign-on refused someone, as the login page shows it; anything else in the address is ignored. */
	private static final Set<String> SSO_REFUSALS = Set.of("unknown", "unverified", "disabled", "missing", "failed");

	private final DeskAccess access;

	private final SingleSignOn singleSignOn;

	private final Teams teams;

	DeskController(Conversations conversations, ContactReasons reasons, Brands brands, DeskAccess access,
			SingleSignOn singleSignOn, Teams teams) {
		this.conversations = conversations;
		this.teams = teams;
		this.reasons = reasons;
		this.brands = brands;
		this.access = access;
		this.singleSignOn = singleSignOn;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) String sso, Model model) {
		model.addAttribute("ssoProviders", singleSignOn.providers());
		if (sso != null && SSO_REFUSALS.contains(sso)) {
			model.addAttribute("ssoRefused", "login.sso.refused." + sso);
		}
		return "login";
	}

	/** The inbox: highest priority and longest waiting first, with the open work per view counted. */
	@GetMapping("/desk")
	String inbox(@RequestParam(required = false) String view, @RequestParam(required = false) String status,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String language, @RequestParam(required = false) String brand,
			@RequestParam(required = false) String notice, Principal principal, Model model) {
		UserView user = access.who(principal);
		InboxFilter filter = new InboxFilter(parseView(view), parse(status), blankToNull(channel), blankToNull(reason),
				blankToNull(language), blankToNull(brand));
		boolean works = DeskAccess.worksConversations(user);
		boolean seesAll = DeskAccess.seesAll(user);
		model.addAttribute("conversations",
				works ? conversations.inbox(user.username(), user.teamId(), seesAll, filter, PAGE) : List.of());
		model.addAttribute("counts", works ? conversations.openCounts(user.username(), user.teamId(), seesAll)
				: Map.of());
		if (notice != null && NOTICES.contains(notice)) {
			model.addAttribute("notice", notice);
		}
		model.addAttribute("filter", filter);
		model.addAttribute("views", InboxFilter.View.values());
		model.addAttribute("statuses", ConversationStatus.values());
		model.addAttribute("reasons", reasons.all());
		model.addAttribute("brands", brands.all());
		model.addAttribute("teamNames", teams.names(LocaleContextHolder.getLocale().getLanguage()));
		return "desk/inbox";
	}

	private static InboxFilter.View parseView(String view) {
		for (InboxFilter.View candidate : InboxFilter.View.values()) {
			if (candidate.code().equals(view)) {
				return candidate;
			}
		}
		return InboxFilter.View.ALL;
	}

	private static ConversationStatus parse(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return ConversationStatus.fromCode(status);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
