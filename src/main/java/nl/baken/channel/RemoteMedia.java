package nl.baken.channel;

/**
 * A channel whose files stay with the provider until someone opens them (WhatsApp keeps media for 30 days): its
 * messages carry attachment references {@code <scheme>:<id>}, and the first agent who opens one has it fetched and
 * kept with the conversation like any other attachment.
 */
public interface RemoteMedia {

	/** The scheme of the references this channel writes, such as {@code whatsapp-media}. */
	String scheme();

	/** The file behind one reference's id. */
	Media fetch(String id) throws Unavailable;

	record Media(String contentType, byte[] content) {
	}

	/** The provider could not give the file; the message is for the agent and never holds a secret. */
	final class Unavailable extends Exception {

		public Unavailable(String message) {
			super(message);
		}
	}
}
