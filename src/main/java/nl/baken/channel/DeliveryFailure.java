package nl.baken.channel;

/**
 * A send that did not work. The message is shown to agents and admins in the desk and the dead-letter list, so it
 * must never contain a secret (token, password, signed URL).
 */
public class DeliveryFailure extends Exception {

	private final boolean retryable;

	private DeliveryFailure(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	/** The provider may take it later: unreachable, timeout, 429, 5xx. */
	public static DeliveryFailure retryable(String message, Throwable cause) {
		return new DeliveryFailure(message, true, cause);
	}

	/** Sending again cannot help: no address for this customer, refused by the provider, outside a service window. */
	public static DeliveryFailure permanent(String message) {
		return new DeliveryFailure(message, false, null);
	}

	public boolean retryable() {
		return retryable;
	}
}
