package nl.baken.channel.whatsapp;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baken.channels.whatsapp.*}: one WhatsApp Business phone number on the Cloud API. The access token, app
 * secret and verify token come from the environment ({@code BAKEN_CHANNELS_WHATSAPP_ACCESS_TOKEN} …) and are never
 * logged: {@link #toString()} leaves them out.
 */
@ConfigurationProperties("baken.channels.whatsapp")
record WhatsAppProperties(@DefaultValue("https://graph.facebook.com") URI graphBaseUrl,
		@DefaultValue("v23.0") String apiVersion, String phoneNumberId, String accessToken, String appSecret,
		String verifyToken, String brand, @DefaultValue("10s") Duration timeout) {

	boolean canVerifySignatures() {
		return appSecret != null && !appSecret.isBlank();
	}

	/** Where messages are sent: {@code {base}/{version}/{phone-number-id}/messages}. */
	URI messagesUri() {
		String base = graphBaseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + "/" + apiVersion + "/" + phoneNumberId + "/messages");
	}

	/** Where a media id's download address is asked: {@code {base}/{version}/{media-id}}. */
	URI mediaUri(String mediaId) {
		String base = graphBaseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + "/" + apiVersion + "/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "WhatsAppProperties[graphBaseUrl=" + graphBaseUrl + ", apiVersion=" + apiVersion + ", phoneNumberId="
				+ phoneNumberId + ", brand=" + brand + ", secrets hidden]";
	}
}
