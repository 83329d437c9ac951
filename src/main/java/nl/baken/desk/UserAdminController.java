package nl.baken.desk;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Teams;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins manage the people who log in: roles, team, language, disabling, and a new password for a lost one. */
@Controller
class UserAdminController {

	private static final Set<String> ERRORS = Set.of("users.error.invalid", "users.error.taken",
			"users.error.self", "users.error.password", "users.error.email");

	private final Users users;

	private final Teams teams;

	UserAdminController(Users users, Teams teams) {
		this.users = users;
		this.teams = teams;
	}

	@GetMapping("/desk/admin/users")
	String list(@RequestParam(required = false) String error, @RequestParam(required = false) String saved,
			Model model) {
		model.addAttribute("users", users.all());
		model.addAttribute("roles", Role.values());
		model.addAttribute("teams", teams.all());
		if (error != null && ERRORS.contains(error)) {
			model.addAttribute("error", error);
		}
		model.addAttribute("saved", saved);
		return "desk/users";
	}

	@PostMapping("/desk/admin/users")
	String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
			@RequestParam(required = false) String email, @RequestParam(required = false) List<String> roles,
			@RequestParam(required = false) String teamId, @RequestParam(defaultValue = "nl") String language,
			Principal admin) {
		try {
			users.createWithEmail(new NewUser(username.strip(), displayName, password, roles(roles),
					blankToNull(teamId), language), email, Actor.agent(admin.getName()));
			return "redirect:/desk/admin/users?saved=" + username.strip();
		}
		catch (InvalidInputException e) {
			return "redirect:/desk/admin/users?error=" + switch (String.valueOf(e.field())) {
				case "password" -> "users.error.password";
				case "email" -> "users.error.email";
				default -> "users.error.invalid";
			};
		}
		catch (DataIntegrityViolationException e) {
			// the username is unique; the team is a reference
			return "redirect:/desk/admin/users?error=users.error.taken";
		}
	}

	@PostMapping("/desk/admin/users/{username}")
	String update(@PathVariable String username, @RequestParam String displayName,
			@RequestParam(required = false) String email, @RequestParam(required = false) List<String> roles,
			@RequestParam(required = false) String teamId, @RequestParam(defaultValue = "nl") String language,
			@RequestParam(defaultValue = "false") boolean enabled, Principal admin) {
		UserView user = users.find(username).orElseThrow(() -> new NotFoundException("User", username));
		try {
			users.update(user.username(), displayName, email == null ? user.email() : email, roles(roles),
					blankToNull(teamId), language, enabled, Actor.agent(admin.getName()));
			return "redirect:/desk/admin/users?saved=" + user.username();
		}
		catch (InvalidInputException e) {
			return "redirect:/desk/admin/users?error="
					+ ("email".equals(e.field()) ? "users.error.email" : "users.error.invalid");
		}
		catch (RuleViolationException e) {
			return "redirect:/desk/admin/users?error=users.error.self";
		}
	}

	@PostMapping("/desk/admin/users/{username}/password")
	String resetPassword(@PathVariable String username, @RequestParam String password, Principal admin) {
		try {
			users.resetPassword(username, password, Actor.agent(admin.getName()));
			return "redirect:/desk/admin/users?saved=" + username;
		}
		catch (InvalidInputException e) {
			return "redirect:/desk/admin/users?error=users.error.password";
		}
	}

	private static Set<Role> roles(List<String> codes) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (codes != null) {
			for (String code : codes) {
				for (Role role : Role.values()) {
					if (role.code().equals(code)) {
						roles.add(role);
					}
				}
			}
		}
		return roles;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
