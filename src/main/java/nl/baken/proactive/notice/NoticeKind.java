package nl.baken.proactive.notice;

import java.util.List;

/** A notification by name (such as {@code incident-update}) and the placeholders its templates may use. */
record NoticeKind(String name, List<String> placeholders) {

	NoticeKind {
		placeholders = List.copyOf(placeholders);
	}
}
