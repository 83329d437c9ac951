package nl.baken.desk;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import nl.baken.access.Role;
import nl.baken.access.UserView;
import nl.baken.routing.IvrMenu;
import nl.baken.routing.IvrMenus;
import nl.baken.routing.IvrMisroutes;
import nl.baken.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The team lead's view of the phone menus: per option, how many callers were transferred afterwards. */
@Controller
class IvrDeskController {

	private final IvrMenus menus;

	private final DeskAccess access;

	private final Clock clock;

	IvrDeskController(IvrMenus menus, DeskAccess access, Clock clock) {
		this.menus = menus;
		this.access = access;
		this.clock = clock;
	}

	record MenuReport(IvrMenu menu, List<IvrMisroutes> options) {
	}

	@GetMapping("/desk/ivr")
	String ivr(@RequestParam(defaultValue = "7") int days, Principal principal, Model model) {
		UserView user = access.who(principal);
		if (!user.roles().contains(Role.TEAM_LEAD) && !user.roles().contains(Role.ADMIN)) {
			throw new NotFoundException("Page", "ivr");
		}
		// a fixed choice of periods keeps the page's work bounded
		int period = days == 30 ? 30 : 7;
		Instant to = clock.instant();
		Instant from = to.minus(Duration.ofDays(period));
		model.addAttribute("days", period);
		model.addAttribute("reports",
				menus.menus().stream().map(m -> new MenuReport(m, menus.misroutes(m.id(), from, to))).toList());
		return "desk/ivr";
	}
}
