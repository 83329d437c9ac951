package nl.baken.channel.whatsapp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.channel.ChannelAdapter;
import nl.baken.channel.ProviderTemplates;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agent's message that goes out as an approved WhatsApp template: the one kind of message allowed outside the
 * 24-hour customer-service window (to start a conversation again). It is stored in the conversation like a reply,
 * with a readable rendering of the template, and delivered by the outbox.
 */
@Service
class WhatsAppTemplates implements ProviderTemplates {

	private final Conversations conversations;

	private final TemplateStore templates;

	private final ObjectProvider<WhatsAppAdapter> adapter;

	WhatsAppTemplates(Conversations conversations, TemplateStore templates, ObjectProvider<WhatsAppAdapter> adapter) {
		this.conversations = conversations;
		this.templates = templates;
		this.adapter = adapter;
	}

	@Transactional
	MessageView send(ConversationId id, String agentId, TemplateStore.Template template, String idempotencyKey,
			Instant at) {
		Optional<ChannelAdapter> configured = Optional.ofNullable(adapter.getIfAvailable());
		if (configured.isEmpty()) {
			throw new RuleViolationException("WhatsApp is not configured on this Baken (baken.channels.whatsapp.*)");
		}
		ConversationView conversation = conversations.find(id)
			.orElseThrow(() -> new NotFoundException("Conversation", id));
		if (!WhatsAppAdapter.ID.equals(conversation.channel())) {
			throw new RuleViolationException("Conversation " + id + " is on channel " + conversation.channel()
					+ "; templates are for WhatsApp conversations");
		}
		MessageView message;
		ServiceWindowGuard.SENDING_TEMPLATE.set(true);
		try {
			message = conversations.reply(id, agentId, rendering(template), idempotencyKey, at);
		}
		finally {
			ServiceWindowGuard.SENDING_TEMPLATE.remove();
		}
		// the outbox sends after commit, so the template is there when the adapter looks for it
		templates.insertOnce(message.id(), template);
		return message;
	}

	@Override
	public String channel() {
		return WhatsAppAdapter.ID;
	}

	/** For messages Baken starts itself (proactive notifications); the adapter sends them as this template. */
	@Override
	public void attach(UUID messageId, String name, String language, List<String> parameters) {
		templates.insertOnce(messageId, new TemplateStore.Template(name, language, parameters));
	}

	/** What agents read in the conversation: the template's name, language and parameters. */
	static String rendering(TemplateStore.Template template) {
		List<String> parameters = template.parameters();
		return "[WhatsApp template " + template.name() + " (" + template.language() + ")]"
				+ (parameters.isEmpty() ? "" : " " + String.join(" | ", parameters));
	}
}
