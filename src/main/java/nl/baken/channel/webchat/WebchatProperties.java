package nl.baken.channel.webchat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code baken.channels.webchat.*}. {@code secret} signs visitor tokens (generated into the data directory when not
 * set); {@code sites.<brand>.identity-secret} is the secret a brand's own site signs its logged-in users with;
 * {@code allowed-origins} are the customer sites whose pages may call the widget API.
 */
@ConfigurationProperties("baken.channels.webchat")
record WebchatProperties(String secret, @DefaultValue("./data") String dataDir, List<String> allowedOrigins,
		Map<String, Site> sites, @DefaultValue Hours hours, @DefaultValue Attachments attachments,
		@DefaultValue RateLimit rateLimit, @DefaultValue("30d") Duration visitorTokenLifetime,
		@DefaultValue("1s") Duration streamPollInterval, @DefaultValue("5m") Duration streamLifetime) {

	WebchatProperties {
		allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
		sites = sites == null ? Map.of() : Map.copyOf(sites);
	}

	record Site(String identitySecret) {
	}

	/**
	 * Opening hours in the time zone of {@code team} (or {@code time-zone} when no team is named): per day of the week
	 * "08:00-18:00", several ranges separated by commas, or "closed".
	 */
	record Hours(String team, @DefaultValue("Europe/Amsterdam") String timeZone, Map<String, String> week) {

		Hours {
			week = week == null ? Map.of("monday", "08:00-18:00", "tuesday", "08:00-18:00", "wednesday", "08:00-18:00",
					"thursday", "08:00-18:00", "friday", "08:00-18:00", "saturday", "09:00-17:00", "sunday", "closed")
					: Map.copyOf(week);
		}
	}

	record Attachments(@DefaultValue("5MB") DataSize maxSize,
			@DefaultValue({ "image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain" }) List<String> types) {
	}

	/** Token buckets: {@code burst} requests at once, refilled at {@code per-minute}. */
	record RateLimit(@DefaultValue("30") int visitorPerMinute, @DefaultValue("10") int visitorBurst,
			@DefaultValue("120") int ipPerMinute, @DefaultValue("40") int ipBurst) {
	}
}
