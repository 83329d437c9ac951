package nl.baken.answering.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import nl.baken.conversation.FirstResponder;
import nl.baken.conversation.InboundMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The channels where the bot answers new conversations first ({@code baken.answering.bot.channels}, comma-separated;
 * empty: none). Only live messages: one received more than {@code live-within} after it was sent (history being
 * imported or seeded) goes to the queue as before.
 */
@Component
public class BotChannels implements FirstResponder {

	private final Set<String> channels;

	private final Duration liveWithin;

	private final Clock clock;

	BotChannels(@Value("${baken.answering.bot.channels:}") String channels,
			@Value("${baken.answering.bot.live-within:PT2M}") Duration liveWithin, Clock clock) {
		this.channels = Arrays.stream(channels.split(","))
			.map(String::strip)
			.filter(c -> !c.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		this.liveWithin = liveWithin;
		this.clock = clock;
	}

	boolean any() {
		return !channels.isEmpty();
	}

	public boolean covers(String channel) {
		return channels.contains(channel);
	}

	@Override
	public boolean takes(InboundMessage first) {
		return covers(first.channel()) && !first.receivedAt().isBefore(clock.instant().minus(liveWithin));
	}
}
