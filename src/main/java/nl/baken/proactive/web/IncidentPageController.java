package nl.baken.proactive.web;

import java.io.Serializable;
import java.security.Principal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import nl.baken.access.Role;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.customer.Brands;
import nl.baken.proactive.Incident;
import nl.baken.proactive.IncidentAudience;
import nl.baken.proactive.IncidentKind;
import nl.baken.proactive.Incidents;
import nl.baken.proactive.NewIncident;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The desk's incident pages: everyone who works conversations sees the incidents (to know what customers ask
 * about); team leads and admins declare, update and end them. The incident page shows affected customers, the
 * notices by state, linked contacts and contacts prevented with its definition.
 */
@Controller
class IncidentPageController {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private final Incidents incidents;

	private final Users users;

	private final Brands brands;

	IncidentPageController(Incidents incidents, Users users, Brands brands) {
		this.incidents = incidents;
		this.users = users;
		this.brands = brands;
	}

	/**
	 * The declare form as typed: lists are free text split on commas, spaces or lines. Serializable because a form
	 * with a mistake goes back as a flash attribute, kept in the shared session store.
	 */
	record DeclareForm(String brandId, String kind, String titleNl, String titleEn, String statusNl, String statusEn,
			String expectedEnd, String orderIds, String postcodeRanges, String products, String deviceIds,
			String audienceBrand, String segments) implements Serializable {
	}

	record StatusForm(String statusNl, String statusEn, String expectedEnd) {
	}

	@GetMapping("/desk/incidents")
	String list(Principal principal, Model model) {
		UserView user = viewer(principal);
		model.addAttribute("incidents", incidents.list(false, 100));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new DeclareForm(null, "delivery_delay", null, null, null, null, null, null, null,
					null, null, null, null));
		}
		page(user, model);
		return "proactive/incidents";
	}

	@PostMapping("/desk/incidents")
	String declare(@ModelAttribute DeclareForm form, Principal principal, RedirectAttributes redirect) {
		UserView user = lead(principal);
		try {
			IncidentKind kind = IncidentKind.fromCode(form.kind())
				.orElseThrow(() -> new InvalidInputException("kind", "unknown kind"));
			IncidentAudience audience = new IncidentAudience(IncidentAudience.split(form.orderIds()),
					IncidentAudience.split(form.postcodeRanges()), IncidentAudience.split(form.products()),
					IncidentAudience.split(form.deviceIds()), form.audienceBrand(), IncidentAudience.split(form.segments()));
			Incident incident = incidents.declare(new NewIncident(blankToNull(form.brandId()), kind, form.titleNl(),
					form.titleEn(), form.statusNl(), form.statusEn(), time(form.expectedEnd()), audience),
					Actor.agent(user.username()));
			redirect.addFlashAttribute("notice", "incidents.declared");
			return "redirect:/desk/incidents/" + incident.id();
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("error", errorKey(e.field()));
			redirect.addFlashAttribute("form", form);
			return "redirect:/desk/incidents";
		}
	}

	@GetMapping("/desk/incidents/{id}")
	String incident(@PathVariable UUID id, Principal principal, Model model) {
		UserView user = viewer(principal);
		Incident incident = incidents.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
		model.addAttribute("incident", incident);
		model.addAttribute("affected", incidents.affectedCount(id));
		model.addAttribute("linked", incidents.linkedCount(id));
		model.addAttribute("notices", incidents.notices(id));
		model.addAttribute("prevented", incidents.prevented(id));
		page(user, model);
		return "proactive/incident";
	}

	@PostMapping("/desk/incidents/{id}/updates")
	String update(@PathVariable UUID id, @ModelAttribute StatusForm form, Principal principal,
			RedirectAttributes redirect) {
		UserView user = lead(principal);
		return change(id, redirect, () -> incidents.update(id, form.statusNl(), form.statusEn(),
				time(form.expectedEnd()), Actor.agent(user.username())), "incidents.updated");
	}

	@PostMapping("/desk/incidents/{id}/end")
	String end(@PathVariable UUID id, @ModelAttribute StatusForm form, Principal principal,
			RedirectAttributes redirect) {
		UserView user = lead(principal);
		return change(id, redirect, () -> incidents.end(id, form.statusNl(), form.statusEn(),
				Actor.agent(user.username())), "incidents.ended");
	}

	/** A page someone may not see answers as if it did not exist. */
	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "desk/not-found";
	}

	private String change(UUID id, RedirectAttributes redirect, Runnable action, String done) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", done);
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("error", errorKey(e.field()));
		}
		catch (RuleViolationException e) {
			redirect.addFlashAttribute("error", "incidents.error.ended");
		}
		return "redirect:/desk/incidents/" + id;
	}

	private void page(UserView user, Model model) {
		model.addAttribute("mayDeclare", mayDeclare(user));
		model.addAttribute("brands", brands.all());
		model.addAttribute("brandNames", brands.names());
		model.addAttribute("kinds", Arrays.stream(IncidentKind.values()).map(IncidentKind::code).toList());
	}

	/** Agents, team leads and admins; anyone else gets the page as if it did not exist. */
	private UserView viewer(Principal principal) {
		UserView user = users.find(principal.getName()).orElseThrow(() -> new NotFoundException("Page", "incidents"));
		if (!mayDeclare(user) && !user.roles().contains(Role.AGENT)) {
			throw new NotFoundException("Page", "incidents");
		}
		return user;
	}

	private UserView lead(Principal principal) {
		UserView user = viewer(principal);
		if (!mayDeclare(user)) {
			throw new NotFoundException("Page", "incidents");
		}
		return user;
	}

	static boolean mayDeclare(UserView user) {
		return user.roles().contains(Role.TEAM_LEAD) || user.roles().contains(Role.ADMIN);
	}

	/** Fields the forms have a translated message for; anything else gets the general one. */
	private static final List<String> FIELDS = List.of("titleNl", "titleEn", "statusNl", "statusEn", "kind",
			"brandId", "expectedEnd", "audience", "audience.postcodeRanges", "audience.brand", "audience.orderIds",
			"audience.products", "audience.deviceIds", "audience.segments");

	static String errorKey(String field) {
		if (field == null || !FIELDS.contains(field)) {
			return "incidents.error.input";
		}
		return "incidents.error." + field.replace("audience.", "audience-");
	}

	/** A time as the browser's datetime-local field sends it, read in Dutch time. */
	private static java.time.Instant time(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip()).atZone(ZONE).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException("expectedEnd", "'" + text + "' is not a date and time");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
