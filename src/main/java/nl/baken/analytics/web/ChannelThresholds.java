package nl.baken.analytics.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The service level's T per channel: a minute late is a failure on the phone, not in an e-mail. The wallboard and the
 * KPI page show each channel's service level with its own T, because one T over all channels fits none of them.
 */
@Component
class ChannelThresholds {

	static final List<String> CHANNELS = List.of("email", "whatsapp", "webchat", "phone");

	private final Map<String, Long> seconds;

	ChannelThresholds(@Value("${baken.analytics.wallboard.service-level-threshold.email:PT24H}") Duration email,
			@Value("${baken.analytics.wallboard.service-level-threshold.whatsapp:PT1H}") Duration whatsapp,
			@Value("${baken.analytics.wallboard.service-level-threshold.webchat:PT60S}") Duration webchat,
			@Value("${baken.analytics.wallboard.service-level-threshold.phone:PT20S}") Duration phone) {
		this.seconds = Map.of("email", email.toSeconds(), "whatsapp", whatsapp.toSeconds(), "webchat",
				webchat.toSeconds(), "phone", phone.toSeconds());
	}

	/** T in seconds; a channel without its own T (a task, say) is held to e-mail's. */
	long seconds(String channel) {
		return seconds.getOrDefault(channel, seconds.get("email"));
	}
}
