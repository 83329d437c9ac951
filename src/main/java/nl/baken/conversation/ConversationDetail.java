package nl.baken.conversation;

import java.util.List;

public record ConversationDetail(ConversationView conversation, List<MessageView> messages, List<NoteView> notes,
		List<ContactEvent> events) {
}
