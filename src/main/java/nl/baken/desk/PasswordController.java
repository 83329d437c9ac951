package nl.baken.desk;

import java.security.Principal;

import nl.baken.access.Users;
import nl.baken.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Changing one's own password; every session of the person ends with it, this one included. */
@Controller
class PasswordController {

	private final Users users;

	PasswordController(Users users) {
		this.users = users;
	}

	@GetMapping("/desk/password")
	String form() {
		return "desk/password";
	}

	@PostMapping("/desk/password")
	String change(@RequestParam String currentPassword, @RequestParam String newPassword,
			@RequestParam String repeatPassword, Principal principal, Model model) {
		if (!newPassword.equals(repeatPassword)) {
			model.addAttribute("error", "password.error.repeat");
			return "desk/password";
		}
		try {
			users.changePassword(principal.getName(), currentPassword, newPassword);
		}
		catch (InvalidInputException e) {
			model.addAttribute("error",
					"currentPassword".equals(e.field()) ? "password.error.current" : "password.error.weak");
			return "desk/password";
		}
		return "redirect:/login?passwordChanged";
	}
}
