package nl.baken.proactive.rule.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.access.Teams;
import nl.baken.customer.Brands;
import nl.baken.proactive.BusinessEventType;
import nl.baken.proactive.rule.PreventiveRules;
import nl.baken.proactive.rule.RuleDefinition;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.RuleViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The rules page for team leads and admins: the rules with their last firing, a form to write or change one (a
 * refusal names the field, in the reader's language), switching a rule on or off, its last firings, and a dry run
 * over pasted or uploaded events. The security configuration keeps everyone else out of {@code /desk/rules}.
 */
@Controller
class RuleDeskController {

	private static final int MAX_UPLOAD = 5 * 1024 * 1024;

	private final PreventiveRules rules;

	private final Teams teams;

	private final Brands brands;

	RuleDeskController(PreventiveRules rules, Teams teams, Brands brands) {
		this.rules = rules;
		this.teams = teams;
		this.brands = brands;
	}

	/** The form as typed; filters as {@code name=value} pairs separated by commas or new lines. */
	record RuleForm(String name, Boolean enabled, String eventType, String filters, String key, String kind,
			String field, String operator, Double threshold, String duration, String expectedType, Integer count,
			String integrationName, String integrationPath, String messageBrand, String messageNl, String messageEn,
			String taskTeam) {

		static RuleForm empty() {
			return new RuleForm("", true, "device.telemetry", "", "device", "threshold", "value", "above", null, "10m",
					null, null, "", "", "", "", "", "");
		}

		static RuleForm of(RuleDefinition d) {
			RuleDefinition.Condition c = d.condition();
			RuleDefinition.Actions a = d.actions();
			StringBuilder filters = new StringBuilder();
			d.filters().forEach((k, v) -> filters.append(filters.isEmpty() ? "" : ", ").append(k).append('=').append(v));
			return new RuleForm(d.name(), d.enabled(), d.eventType(), filters.toString(), d.key(), c.kind(), c.field(),
					c.operator(), c.threshold(), c.duration(), c.expectedType(), c.count(),
					a.integration() == null ? "" : a.integration().name(),
					a.integration() == null ? "" : a.integration().path(),
					a.message() == null || a.message().brand() == null ? "" : a.message().brand(),
					a.message() == null ? "" : a.message().textNl(), a.message() == null ? "" : a.message().textEn(),
					a.task() == null ? "" : a.task().teamId());
		}

		RuleDefinition definition() {
			Map<String, String> parsed = new LinkedHashMap<>();
			if (filters != null) {
				for (String pair : filters.split("[,;\\n]")) {
					if (pair.isBlank()) {
						continue;
					}
					int equals = pair.indexOf('=');
					if (equals < 1) {
						throw new InvalidInputException("filters", "a filter is written name=value");
					}
					parsed.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
				}
			}
			RuleDefinition.IntegrationCall integration = blank(integrationName) && blank(integrationPath) ? null
					: new RuleDefinition.IntegrationCall(strip(integrationName), strip(integrationPath));
			RuleDefinition.Message message = blank(messageNl) && blank(messageEn) ? null
					: new RuleDefinition.Message(blank(messageBrand) ? null : messageBrand.strip(), messageNl, messageEn);
			RuleDefinition.Task task = blank(taskTeam) ? null : new RuleDefinition.Task(taskTeam.strip());
			return new RuleDefinition(name, enabled != null && enabled, eventType, parsed, key,
					new RuleDefinition.Condition(kind, field, operator, threshold, duration, expectedType, count),
					new RuleDefinition.Actions(integration, message, task));
		}

		private static boolean blank(String text) {
			return text == null || text.isBlank();
		}

		private static String strip(String text) {
			return text == null ? null : text.strip();
		}
	}

	@GetMapping("/desk/rules")
	String list(Model model) {
		model.addAttribute("rules", rules.list());
		return "rules/list";
	}

	@GetMapping("/desk/rules/new")
	String create(Model model) {
		return edit(model, null, RuleForm.empty());
	}

	@GetMapping("/desk/rules/{id}")
	String show(@PathVariable UUID id, Model model) {
		PreventiveRules.RuleView rule = rules.get(id);
		return edit(model, rule, RuleForm.of(rule.definition()));
	}

	private String edit(Model model, PreventiveRules.RuleView rule, RuleForm form) {
		model.addAttribute("rule", rule);
		model.addAttribute("form", form);
		model.addAttribute("eventTypes", Arrays.stream(BusinessEventType.values()).map(BusinessEventType::code).toList());
		model.addAttribute("keys", List.of("device", "parcel", "order", "customer"));
		model.addAttribute("kinds", List.of("threshold", "absence", "count"));
		model.addAttribute("teams", teams.all());
		model.addAttribute("brands", brands.all());
		if (rule != null) {
			model.addAttribute("firings", rules.firings(rule.id(), 20));
		}
		return "rules/edit";
	}

	@PostMapping("/desk/rules")
	String save(@ModelAttribute RuleForm form, Principal principal, Model model) {
		try {
			return "redirect:/desk/rules/" + rules.create(form.definition(), Actor.agent(principal.getName())).id()
					+ "?saved";
		}
		catch (InvalidInputException | RuleViolationException e) {
			model.addAttribute("error", error(e));
			return edit(model, null, form);
		}
	}

	@PostMapping("/desk/rules/{id}")
	String update(@PathVariable UUID id, @ModelAttribute RuleForm form, Principal principal, Model model) {
		PreventiveRules.RuleView rule = rules.get(id);
		try {
			rules.replace(id, form.definition(), Actor.agent(principal.getName()));
			return "redirect:/desk/rules/" + id + "?saved";
		}
		catch (InvalidInputException | RuleViolationException e) {
			model.addAttribute("error", error(e));
			return edit(model, rule, form);
		}
	}

	@PostMapping("/desk/rules/{id}/enabled")
	String enable(@PathVariable UUID id, @RequestParam boolean enabled, Principal principal) {
		rules.setEnabled(id, enabled, Actor.agent(principal.getName()));
		return "redirect:/desk/rules";
	}

	@PostMapping("/desk/rules/{id}/replay")
	String replay(@PathVariable UUID id, @RequestParam(required = false) String events,
			@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String until,
			Model model) throws IOException {
		PreventiveRules.RuleView rule = rules.get(id);
		String text = events == null ? "" : events;
		if (file != null && !file.isEmpty()) {
			if (file.getSize() > MAX_UPLOAD) {
				model.addAttribute("replayError", Map.of("key", "rules.error.upload", "detail", ""));
				return edit(model, rule, RuleForm.of(rule.definition()));
			}
			text = new String(file.getBytes(), StandardCharsets.UTF_8);
		}
		model.addAttribute("events", events);
		model.addAttribute("until", until);
		try {
			Instant end = until == null || until.isBlank() ? null : Instant.parse(until.strip());
			model.addAttribute("replay", rules.replay(id, text, end));
		}
		catch (DateTimeParseException e) {
			model.addAttribute("replayError", Map.of("key", "rules.error.until", "detail", ""));
		}
		catch (InvalidInputException e) {
			model.addAttribute("replayError", Map.of("key", "rules.error.events", "detail", e.getMessage()));
		}
		return edit(model, rule, RuleForm.of(rule.definition()));
	}

	/** The message key of a refusal (one per field) and the English detail, shown beside it for specifics. */
	private static Map<String, String> error(RuntimeException e) {
		String key = e instanceof InvalidInputException invalid
				? "rules.error." + invalid.field().replace('.', '-') : "rules.error.nameTaken";
		return Map.of("key", key, "detail", e.getMessage() == null ? "" : e.getMessage());
	}
}
