package nl.baken.conversation;

import java.util.Objects;
import java.util.UUID;

public record ConversationId(UUID value) {

	public ConversationId {
		Objects.requireNonNull(value, "conversation id");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
