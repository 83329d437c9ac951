package nl.baken.answering.internal;

/** The bot's own sentences ({@code bot.*} in messages.properties / messages_nl.properties), in nl or en. */
@FunctionalInterface
public interface BotTexts {

	String text(String key, String language, Object... arguments);
}
