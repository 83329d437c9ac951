package nl.baken.routing;

/**
 * What a customer who starts a contact on {@code channel} now may expect: {@code waiting} contacts are already in
 * that channel's queue, {@code agentsAvailable} available agents take the channel, and {@code expectedWaitSeconds}
 * is the estimate, or {@code null} when nobody who takes the channel is available (no honest estimate then).
 */
public record QueueWait(String channel, int waiting, Long expectedWaitSeconds, int agentsAvailable) {

	public boolean known() {
		return expectedWaitSeconds != null;
	}
}
