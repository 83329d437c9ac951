package nl.baken.desk;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.baken.access.Authorities;
import nl.baken.access.Role;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admins set, per action, which roles may run it and up to which amount (the security configuration lets only admins
 * reach {@code /desk/admin}).
 */
@Controller
class AuthorityAdminController {

	/** The roles that work conversations, and so run actions. */
	static final List<Role> ROLES = List.of(Role.AGENT, Role.TEAM_LEAD, Role.ADMIN);

	private final Authorities authorities;

	AuthorityAdminController(Authorities authorities) {
		this.authorities = authorities;
	}

	@GetMapping("/desk/admin/authorities")
	String page(@RequestParam(required = false) String error, Model model) {
		model.addAttribute("actions", authorities.actions());
		model.addAttribute("roles", ROLES);
		model.addAttribute("grants", authorities.grants()
			.stream()
			.collect(Collectors.toMap(g -> g.actionId() + "/" + g.role().code(), g -> g)));
		if ("desk.error.amountInvalid".equals(error)) {
			model.addAttribute("error", error);
		}
		return "desk/authorities";
	}

	/** One action's row: for each role a tick (may run it) and a limit in euros (empty: no limit). */
	@PostMapping("/desk/admin/authorities/{actionId}")
	String save(@PathVariable String actionId, @RequestParam Map<String, String> form, Principal admin) {
		Actor by = Actor.agent(admin.getName());
		try {
			for (Role role : ROLES) {
				if (form.containsKey("allowed-" + role.code())) {
					Long limit = ActionController.cents(form.get("limit-" + role.code()));
					authorities.grant(role, actionId, limit, by);
				}
				else {
					authorities.revoke(role, actionId, by);
				}
			}
		}
		catch (InvalidInputException e) {
			return "redirect:/desk/admin/authorities?error=desk.error.amountInvalid";
		}
		return "redirect:/desk/admin/authorities";
	}
}
