package nl.baken.channel.telephony;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a telephony system reports about a call; the JSON and CSV name is the lower-case name. Declared in the order a
 * call goes through them: events of one call at the same instant are read in this order (a transfer before the
 * queueing it causes, an abandon before the end).
 */
enum CallEventType {

	OFFERED, IVR_ENTERED, IVR_OPTION_CHOSEN, IVR_LEFT, TRANSFERRED, QUEUED, RINGING, ANSWERED, HOLD_STARTED,
	HOLD_ENDED, CALLBACK_REQUESTED, ABANDONED, ENDED;

	@JsonValue
	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<CallEventType> fromCode(String code) {
		return code == null ? Optional.empty()
				: Arrays.stream(values()).filter(t -> t.code().equals(code.strip().toLowerCase(Locale.ROOT))).findFirst();
	}

	static String codes() {
		return String.join(", ", Arrays.stream(values()).map(CallEventType::code).toList());
	}
}
