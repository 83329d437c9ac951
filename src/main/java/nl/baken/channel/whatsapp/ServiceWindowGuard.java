package nl.baken.channel.whatsapp;

import nl.baken.channel.ServiceWindowClosed;
import nl.baken.conversation.AgentReplied;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.OutboundDraft;
import org.springframework.context.event.EventListener;

/**
 * Refuses a free-text WhatsApp reply outside the 24-hour window while it is being stored, so the agent or API client
 * hears it at once (the reply's transaction rolls back) instead of finding a failed delivery later. Templates pass.
 */
class ServiceWindowGuard {

	/** Set while {@link WhatsAppTemplates} stores a template message, which the window does not restrict. */
	static final ThreadLocal<Boolean> SENDING_TEMPLATE = ThreadLocal.withInitial(() -> false);

	private final Deliveries deliveries;

	ServiceWindowGuard(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@EventListener
	void on(AgentReplied reply) {
		if (!WhatsAppAdapter.ID.equals(reply.channel()) || SENDING_TEMPLATE.get()) {
			return;
		}
		OutboundDraft draft = deliveries.draft(reply.messageId()).orElse(null);
		if (draft == null) {
			return;
		}
		if (!ServiceWindow.open(draft.lastInbound() == null ? null : draft.lastInbound().createdAt(),
				draft.message().createdAt())) {
			throw new ServiceWindowClosed(ServiceWindow.REFUSAL + " (POST /api/v1/channels/whatsapp/conversations/"
					+ draft.conversation().id() + "/templates)");
		}
	}
}
