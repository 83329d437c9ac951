package nl.baken.channel.webchat;

import java.time.Instant;

/**
 * Who a visitor token stands for: an anonymous visitor of a brand's site, or, when the site vouched for its
 * logged-in user with a signed identity, that user's e-mail address and name too.
 */
record Visitor(String id, String brand, String language, String email, String name, Instant expires) {

	boolean identified() {
		return email != null;
	}
}
