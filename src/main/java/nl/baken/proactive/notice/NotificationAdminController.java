package nl.baken.proactive.notice;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nl.baken.proactive.NotificationTemplate;
import nl.baken.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /desk/admin/notifications} (admins only, like all of {@code /desk/admin}): the notifications and their
 * templates per channel and language, edited with the same checks as the API; quiet hours and volume limits as
 * configured, with this minute's and hour's use.
 */
@Controller
class NotificationAdminController {

	static final List<String> CHANNELS = List.of(NotificationTemplate.ANY, "email", "whatsapp", "webchat", "sms");

	private static final Set<String> FIELDS = Set.of("name", "channel", "language", "subject", "body",
			"providerTemplate", "providerParameters", "placeholders");

	private final NoticeTemplates templates;

	private final NotificationSettings settings;

	private final VolumeLimits limits;

	private final Clock clock;

	NotificationAdminController(NoticeTemplates templates, NotificationSettings settings, VolumeLimits limits,
			Clock clock) {
		this.templates = templates;
		this.settings = settings;
		this.limits = limits;
		this.clock = clock;
	}

	/** The edit form's content, also what was typed when saving failed. */
	record Form(String name, String channel, String language, String subject, String body, String providerTemplate,
			String providerParameters) {
	}

	record LimitRow(String channel, int perMinute, int perHour, int usedThisMinute, int usedThisHour) {
	}

	@GetMapping("/desk/admin/notifications")
	String page(@RequestParam(required = false) String name, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String language, @RequestParam(required = false) String saved,
			Model model) {
		Form form = new Form(name, channel == null ? NotificationTemplate.ANY : channel,
				language == null ? "nl" : language, null, null, null, null);
		if (name != null && channel != null && language != null) {
			form = templates.find(name, channel, language)
				.map(t -> new Form(t.name(), t.channel(), t.language(), t.subject(), t.body(), t.providerTemplate(),
						String.join(", ", t.providerParameters())))
				.orElse(form);
		}
		model.addAttribute("saved", saved);
		return show(model, form, null);
	}

	@PostMapping("/desk/admin/notifications/templates")
	String save(@RequestParam String name, @RequestParam String channel, @RequestParam String language,
			@RequestParam(required = false) String subject, @RequestParam(required = false) String body,
			@RequestParam(required = false) String providerTemplate,
			@RequestParam(required = false) String providerParameters, Principal admin, Model model) {
		Form form = new Form(name, channel, language, subject, body, providerTemplate, providerParameters);
		try {
			templates.save(new NotificationTemplate(name, channel, language, subject, body, providerTemplate,
					NoticeTemplates.split(providerParameters), null, null), admin.getName());
		}
		catch (InvalidInputException e) {
			return show(model, form, e.field());
		}
		return "redirect:/desk/admin/notifications?saved=" + name + "&name=" + name + "&channel=" + channel
				+ "&language=" + language;
	}

	@PostMapping("/desk/admin/notifications/templates/delete")
	String delete(@RequestParam String name, @RequestParam String channel, @RequestParam String language) {
		templates.delete(name, channel, language);
		return "redirect:/desk/admin/notifications";
	}

	@PostMapping("/desk/admin/notifications/kinds")
	String defineKind(@RequestParam String name, @RequestParam(required = false) String placeholders, Model model) {
		try {
			templates.define(name.strip(), NoticeTemplates.split(placeholders));
		}
		catch (InvalidInputException e) {
			model.addAttribute("kindError", "name".equals(e.field()) ? "name" : "placeholders");
			return show(model, new Form(null, NotificationTemplate.ANY, "nl", null, null, null, null), null);
		}
		return "redirect:/desk/admin/notifications?saved=" + name.strip() + "&name=" + name.strip();
	}

	private String show(Model model, Form form, String errorField) {
		List<NoticeKind> kinds = templates.kinds();
		Map<String, List<NotificationTemplate>> byKind = new LinkedHashMap<>();
		kinds.forEach(k -> byKind.put(k.name(), templates.templates(k.name())));
		model.addAttribute("kinds", kinds);
		model.addAttribute("templates", byKind);
		model.addAttribute("form", form);
		model.addAttribute("channels", CHANNELS);
		if (errorField != null) {
			model.addAttribute("error", FIELDS.contains(errorField) ? errorField : "body");
			model.addAttribute("errorKind", kinds.stream().filter(k -> k.name().equals(form.name())).findFirst()
				.map(k -> String.join(", ", k.placeholders())).orElse(""));
		}
		model.addAttribute("settings", settings);
		model.addAttribute("limits", limitRows());
		return "proactive/notifications";
	}

	private List<LimitRow> limitRows() {
		Instant now = clock.instant();
		Set<String> channels = new TreeSet<>(List.of("email", "whatsapp", "sms"));
		channels.addAll(settings.limits().keySet());
		List<LimitRow> rows = new ArrayList<>();
		for (String channel : channels) {
			NotificationSettings.Limit limit = settings.limit(channel);
			rows.add(new LimitRow(channel, limit.perMinute(), limit.perHour(),
					limits.used(channel, "minute", now.truncatedTo(ChronoUnit.MINUTES)),
					limits.used(channel, "hour", now.truncatedTo(ChronoUnit.HOURS))));
		}
		return rows;
	}
}
