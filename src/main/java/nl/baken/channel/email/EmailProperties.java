package nl.baken.channel.email;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baken.channels.email.*}: the mailbox Baken reads (IMAP) and the server it sends through (SMTP). The channel is
 * on when {@code imap.host} is set. Passwords come from the environment ({@code BAKEN_CHANNELS_EMAIL_IMAP_PASSWORD},
 * {@code BAKEN_CHANNELS_EMAIL_SMTP_PASSWORD}) and are never printed: {@link Server#toString()} hides them.
 */
@ConfigurationProperties("baken.channels.email")
record EmailProperties(Server imap, Server smtp, String folder, String fromAddress, String fromName, String brand,
		@DefaultValue("30s") Duration pollInterval, @DefaultValue("50") int batchSize,
		@DefaultValue("10485760") long maxAttachmentBytes, @DefaultValue("26214400") long maxMessageBytes,
		@DefaultValue({ "image/", "application/pdf", "text/plain", "text/csv",
				"application/vnd.openxmlformats-officedocument.", "application/msword", "application/vnd.ms-excel",
				"application/vnd.oasis.opendocument." }) List<String> allowedAttachmentTypes) {

	EmailProperties {
		folder = folder == null || folder.isBlank() ? "INBOX" : folder;
	}

	/** A mail server: TLS from the first byte ({@code ssl}) or upgraded with STARTTLS. */
	record Server(String host, Integer port, @DefaultValue("false") boolean ssl,
			@DefaultValue("false") boolean starttls, String username, String password,
			@DefaultValue("10s") Duration timeout) {

		@Override
		public String toString() {
			return "Server[host=" + host + ", port=" + port + ", ssl=" + ssl + ", starttls=" + starttls
					+ ", username=" + username + ", password=" + (password == null ? "none" : "******") + "]";
		}
	}

	boolean attachmentTypeAllowed(String contentType) {
		String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
		return allowedAttachmentTypes.stream().anyMatch(allowed -> allowed.endsWith("/") || allowed.endsWith(".")
				? type.startsWith(allowed) : type.equals(allowed));
	}
}
