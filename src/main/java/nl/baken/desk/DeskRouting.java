package nl.baken.desk;

import java.security.Principal;
import java.util.UUID;

import nl.baken.access.Users;
import nl.baken.routing.AgentProfile;
import nl.baken.routing.CallbackView;
import nl.baken.routing.Callbacks;
import nl.baken.routing.Presence;
import nl.baken.routing.RoutedWork;
import nl.baken.routing.Routing;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What every desk page shows of routing: the agent's presence in the header, and on a conversation that is a
 * callback, the callback with its outcome buttons.
 */
@ControllerAdvice(assignableTypes = { DeskController.class, ConversationPageController.class,
		PasswordController.class, RoutingDeskController.class })
class DeskRouting {

	private final Routing routing;

	private final Callbacks callbacks;

	private final Users users;

	DeskRouting(Routing routing, Callbacks callbacks, Users users) {
		this.routing = routing;
		this.callbacks = callbacks;
		this.users = users;
	}

	@ModelAttribute("presence")
	String presence(Principal principal) {
		if (principal == null) {
			return null;
		}
		// shown only to people who work conversations; a page for anyone else renders as before
		return users.find(principal.getName())
			.filter(DeskAccess::worksConversations)
			.map(user -> routing.agent(user.username()).map(AgentProfile::presence).orElse(Presence.OFFLINE).code())
			.orElse(null);
	}

	@ModelAttribute("presences")
	Presence[] presences() {
		return Presence.values();
	}

	/** The callback a conversation page is about, while it is being called. */
	@ModelAttribute("callback")
	CallbackView callback(@PathVariable(required = false) UUID id) {
		if (id == null) {
			return null;
		}
		return routing.work(id)
			.map(RoutedWork::callbackId)
			.flatMap(callbacks::find)
			.filter(c -> c.status().equals("queued"))
			.orElse(null);
	}
}
