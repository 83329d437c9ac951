package nl.baken.proactive.notice;

/** The outcomes a {@link nl.baken.proactive.NoticeResult} reports. */
final class Outcome {

	static final String QUEUED = "queued";

	static final String DUPLICATE = "duplicate";

	static final String NO_CONSENT = "no_consent";

	static final String NO_CHANNEL = "no_channel";

	/** No template for the customer's channel and language, or the notice's values lack one it uses. */
	static final String NO_TEMPLATE = "no_template";

	private Outcome() {
	}
}
