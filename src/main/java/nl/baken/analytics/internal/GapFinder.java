package nl.baken.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.baken.analytics.KnowledgeGaps.Gap;
import nl.baken.analytics.KnowledgeGaps.Question;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import nl.baken.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Finds the unanswered questions of a period in the event log and groups them with {@link QuestionGroups}. A bot
 * conversation counts when {@link BotSessions} says it was handed off or falsely contained, unless the bot handed it
 * off without trying ({@link #DELIBERATE_HAND_OFFS}); its question is the customer's first message. A written contact
 * that reached a person counts when its reason is informational (published content could have answered it) or when it
 * is a repeat (the same customer started another contact in the {@link #REPEAT_WINDOW} before); its question is its
 * first message. Calls have no words to group. A contact-page visit counts when the visitor contacted anyway; its
 * question is the topic chosen.
 */
@Component
public class GapFinder {

	/**
	 * Hand-off reasons (the {@code handOffReason} of {@code bot_handoff}) for which the bot did not try to answer: a
	 * contact reason only people handle, an urgent or an upset customer. Such a question says nothing about a missing
	 * article.
	 */
	static final Set<String> DELIBERATE_HAND_OFFS = Set.of("human-only", "urgent", "upset");

	/** The newest questions read per period: enough to rank the groups, few enough to group them in a second. */
	static final int MAX_QUESTIONS = 500;

	private static final Duration MAX_PERIOD = Duration.ofDays(92);

	private static final Duration FOLLOW_UP = Duration.ofHours(24);

	/** The repeat-contact KPI's default window. */
	static final Duration REPEAT_WINDOW = Duration.ofDays(7);

	private final ContactEvents events;

	private final Conversations conversations;

	private final QuestionGroups groups;

	GapFinder(ContactEvents events, Conversations conversations, QuestionGroups groups) {
		this.events = events;
		this.conversations = conversations;
		this.groups = groups;
	}

	public List<Gap> find(Instant from, Instant to, int examples) {
		if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
			throw new InvalidInputException("from", "the period is at most " + MAX_PERIOD.toDays()
					+ " days and starts before it ends");
		}
		List<Question> questions = new ArrayList<>();
		for (ContactEvent e : events.between(from, to, List.of(ContactEventType.CONTACTED_ANYWAY))) {
			Object topic = e.attributes().get("topic");
			if (topic != null) {
				questions.add(new Question(null, e.occurredAt(), "contact_page", topic.toString()));
			}
		}
		List<UUID> offered = events.between(from, to, List.of(ContactEventType.OFFERED))
			.stream()
			.map(ContactEvent::conversationId)
			.distinct()
			.toList();
		List<ContactEvent> cohort = new ArrayList<>();
		for (int i = 0; i < offered.size(); i += 500) {
			cohort.addAll(events.ofConversations(offered.subList(i, Math.min(offered.size(), i + 500))));
		}
		Map<UUID, List<ContactFacts>> byCustomer = new HashMap<>();
		List<ContactFacts> later = KpiCalculator.contacts(events.between(from, to.plus(FOLLOW_UP),
				List.of(ContactEventType.OFFERED)))
			.values()
			.stream()
			.filter(c -> c.customerId() != null && c.offeredAt() != null)
			.toList();
		later.forEach(c -> byCustomer.computeIfAbsent(c.customerId(), id -> new ArrayList<>()).add(c));
		Map<UUID, List<Instant>> startedBefore = new HashMap<>();
		events.between(from.minus(REPEAT_WINDOW), to, List.of(ContactEventType.OFFERED))
			.stream()
			.filter(e -> e.customerId() != null)
			.forEach(e -> startedBefore.computeIfAbsent(e.customerId(), id -> new ArrayList<>()).add(e.occurredAt()));
		Set<UUID> deliberate = cohort.stream()
			.filter(e -> e.type() == ContactEventType.BOT_HANDOFF
					&& DELIBERATE_HAND_OFFS.contains(String.valueOf(e.attributes().get("handOffReason"))))
			.map(ContactEvent::conversationId)
			.collect(Collectors.toSet());
		List<ContactFacts> unanswered = KpiCalculator.contacts(cohort)
			.values()
			.stream()
			.filter(c -> c.offeredAt() != null && !deliberate.contains(c.conversationId()))
			.filter(c -> BotSessions.isBotConversation(c) ? selfServiceFailed(c, byCustomer)
					: preventable(c, startedBefore.getOrDefault(c.customerId(), List.of())))
			.sorted(Comparator.comparing(ContactFacts::offeredAt).reversed())
			.limit(MAX_QUESTIONS)
			.toList();
		for (ContactFacts c : unanswered) {
			conversations.detail(new ConversationId(c.conversationId()))
				.flatMap(detail -> detail.messages()
					.stream()
					.filter(m -> "inbound".equals(m.direction()) && m.text() != null && !m.text().isBlank())
					.min(Comparator.comparing(MessageView::createdAt)))
				.ifPresent(m -> questions.add(new Question(c.conversationId(), c.offeredAt(), c.channel(),
						m.text().strip())));
		}
		questions.sort(Comparator.comparing(Question::at).reversed());
		return groups.group(questions.size() > MAX_QUESTIONS ? questions.subList(0, MAX_QUESTIONS) : questions,
				examples);
	}

	private static boolean selfServiceFailed(ContactFacts c, Map<UUID, List<ContactFacts>> byCustomer) {
		BotSessions.Outcome outcome = BotSessions.outcome(c, byCustomer.getOrDefault(c.customerId(), List.of()),
				FOLLOW_UP);
		return outcome == BotSessions.Outcome.HANDED_OFF || outcome == BotSessions.Outcome.FALSELY_CONTAINED
				|| outcome == BotSessions.Outcome.UNANSWERED_CONTACTED_AGAIN;
	}

	/** A written contact a person handled that an article could have prevented: informational, or a repeat. */
	private static boolean preventable(ContactFacts c, List<Instant> customerStarts) {
		if (!c.handled() || Handling.PHONE.equals(c.channel())) {
			return false;
		}
		Instant since = c.offeredAt().minus(REPEAT_WINDOW);
		return Boolean.TRUE.equals(c.informational())
				|| customerStarts.stream().anyMatch(at -> at.isBefore(c.offeredAt()) && !at.isBefore(since));
	}
}
