package nl.baken.desk;

import java.security.Principal;
import java.util.UUID;

import nl.baken.access.UserView;
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

	private final DeskAccess access;

	DeskRouting(Routing routing, Callbacks callbacks, DeskAccess access) {
		this.routing = routing;
		this.callbacks = callbacks;
		this.access = access;
	}

	@ModelAttribute("presence")
	String presence(Principal principal) {
		if (principal == null) {
			return null;
		}
		UserView user = access.who(principal);
		if (!DeskAccess.worksConversations(user)) {
			return null;
		}
		return routing.agent(user.username()).map(AgentProfile::presence).orElse(Presence.OFFLINE).code();
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
