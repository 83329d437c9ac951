package nl.baken.conversation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** The facts of the contact-event log (see KPI-DEFINITIONS.md for what each KPI reads). */
public enum ContactEventType {

	OFFERED, IVR_ENTERED, IVR_OPTION_CHOSEN, IVR_LEFT, QUEUED, ASSIGNED, FIRST_AGENT_RESPONSE, TRANSFERRED, ABANDONED,
	BOT_ANSWERED, BOT_HANDOFF, CALLBACK_REQUESTED, CALLBACK_ATTEMPTED, CALLBACK_CONNECTED, RESOLVED, REOPENED,
	SURVEY_ANSWERED, NOTIFICATION_SENT, ARTICLE_VIEWED, ARTICLE_HELPFUL, MESSAGE_RECEIVED, MESSAGE_SENT, NOTE_ADDED,
	WRAP_UP_ENDED, DELIVERY_UPDATED, SUGGESTION_SHOWN, SUGGESTION_OPENED, CONTACTED_ANYWAY,
	CALLBACK_SCHEDULED, CALLBACK_ENDED, PRESENCE_CHANGED, RULE_TRIGGERED, PRIORITISED, BOT_CONTAINED, INCIDENT_LINKED;

	/** The name used in the database and in JSON. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ContactEventType fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}
}
