package nl.baken.desk;

import java.security.Principal;
import java.util.UUID;

import nl.baken.access.Role;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.shared.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Which conversations a person may open in the desk. Admins: all. Agents and team leads: their team's, those no team
 * has taken yet, and those assigned to them. Other roles do not work conversations. A conversation someone may not
 * open answers as if it did not exist, so ids reveal nothing.
 */
@Component
class DeskAccess {

	private final Users users;

	private final Conversations conversations;

	DeskAccess(Users users, Conversations conversations) {
		this.users = users;
		this.conversations = conversations;
	}

	UserView who(Principal principal) {
		return users.find(principal.getName()).orElseThrow(() -> new NotFoundException("User", principal.getName()));
	}

	/** The conversation, if this person may open it; otherwise not found. */
	ConversationView open(Principal principal, UUID id) {
		return open(who(principal), id);
	}

	/** The same, for a person the caller already looked up. */
	ConversationView open(UserView user, UUID id) {
		return conversations.find(new ConversationId(id))
			.filter(conversation -> mayOpen(user, conversation))
			.orElseThrow(() -> new NotFoundException("Conversation", id));
	}

	static boolean seesAll(UserView user) {
		return user.roles().contains(Role.ADMIN);
	}

	static boolean worksConversations(UserView user) {
		return seesAll(user) || user.roles().contains(Role.AGENT) || user.roles().contains(Role.TEAM_LEAD);
	}

	static boolean mayOpen(UserView user, ConversationView conversation) {
		if (seesAll(user)) {
			return true;
		}
		return worksConversations(user) && (conversation.teamId() == null
				|| conversation.teamId().equals(user.teamId()) || user.username().equals(conversation.assignedAgent()));
	}
}
