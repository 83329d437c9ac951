package nl.baken.conversation;

import java.util.Locale;

/**
 * What an agent narrows the inbox to. {@code view}: everything they may see, only their own, their team's, or the
 * unassigned ones. Without a status the inbox shows open work only. Nulls mean "any".
 */
public record InboxFilter(View view, ConversationStatus status, String channel, String reasonId, String language,
		String brandId) {

	public enum View {

		ALL, MINE, TEAM, UNASSIGNED;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public InboxFilter {
		view = view == null ? View.ALL : view;
	}
}
