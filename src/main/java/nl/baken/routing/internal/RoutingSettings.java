package nl.baken.routing.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Routing's configuration ({@code baken.routing.*}); see application.properties for the defaults and meaning. */
@Component
public class RoutingSettings {

	private final Map<String, Integer> capacity = new HashMap<>();

	private final Map<String, Integer> handleSeconds = new HashMap<>();

	private final Map<String, Integer> segmentSeconds = new HashMap<>();

	private final Matcher.Rules rules;

	private final Duration stickyWait;

	private final Duration stickyWindow;

	private final int urgencySeconds;

	private final int prioritySeconds;

	private final int scanLimit;

	RoutingSettings(@Value("${baken.routing.capacity.phone:1}") int phone,
			@Value("${baken.routing.capacity.webchat:3}") int webchat,
			@Value("${baken.routing.capacity.whatsapp:3}") int whatsapp,
			@Value("${baken.routing.capacity.email:5}") int email,
			@Value("${baken.routing.capacity.task:5}") int task,
			@Value("${baken.routing.handle-seconds.phone:300}") int phoneSeconds,
			@Value("${baken.routing.handle-seconds.webchat:480}") int webchatSeconds,
			@Value("${baken.routing.handle-seconds.whatsapp:600}") int whatsappSeconds,
			@Value("${baken.routing.handle-seconds.email:900}") int emailSeconds,
			@Value("${baken.routing.relax.level-step:PT1M}") Duration levelStep,
			@Value("${baken.routing.relax.brand-after:PT3M}") Duration brandAfter,
			@Value("${baken.routing.relax.language-after:PT0S}") Duration languageAfter,
			@Value("${baken.routing.sticky.wait:PT2M}") Duration stickyWait,
			@Value("${baken.routing.sticky.window:P7D}") Duration stickyWindow,
			@Value("${baken.routing.urgency-seconds:120}") int urgencySeconds,
			@Value("${baken.routing.priority-seconds:60}") int prioritySeconds,
			@Value("${baken.routing.segment-seconds.vip:300}") int vipSeconds,
			@Value("${baken.routing.scan-limit:2000}") int scanLimit) {
		capacity.put("phone", phone);
		capacity.put("webchat", webchat);
		capacity.put("whatsapp", whatsapp);
		capacity.put("email", email);
		capacity.put("task", task);
		handleSeconds.put("phone", phoneSeconds);
		handleSeconds.put("webchat", webchatSeconds);
		handleSeconds.put("whatsapp", whatsappSeconds);
		handleSeconds.put("email", emailSeconds);
		segmentSeconds.put("vip", vipSeconds);
		this.rules = new Matcher.Rules(levelStep, brandAfter, languageAfter);
		this.stickyWait = stickyWait;
		this.stickyWindow = stickyWindow;
		this.urgencySeconds = urgencySeconds;
		this.prioritySeconds = prioritySeconds;
		this.scanLimit = scanLimit;
	}

	/** Default open contacts per channel that fill an agent, for channels an agent has no setting of their own. */
	public Map<String, Integer> defaultCapacity() {
		return Map.copyOf(capacity);
	}

	public int handleSeconds(String channel) {
		return handleSeconds.getOrDefault(channel, 600);
	}

	public Matcher.Rules rules() {
		return rules;
	}

	public Duration stickyWait() {
		return stickyWait;
	}

	public Duration stickyWindow() {
		return stickyWindow;
	}

	/**
	 * The head start in ms of a contact: urgency, profile priority and customer segment count as waiting time already
	 * spent, so ageing keeps working and one order serves the whole queue.
	 */
	public long headStartMs(int urgency, int priority, String segment) {
		long seconds = (long) urgency * urgencySeconds + (long) priority * prioritySeconds
				+ (segment == null ? 0 : segmentSeconds.getOrDefault(segment, 0));
		return seconds * 1000;
	}

	public int scanLimit() {
		return scanLimit;
	}
}
