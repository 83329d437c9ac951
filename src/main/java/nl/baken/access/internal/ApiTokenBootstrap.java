package nl.baken.access.internal;

import java.util.EnumSet;

import nl.baken.access.ApiTokens;
import nl.baken.access.IssuedToken;
import nl.baken.access.Scope;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure a fresh installation can be administered: when no API token exists, one admin token is created, from
 * {@code baken.api.initial-token} when set, otherwise generated and printed once. Runs after the demo seeding, which
 * brings its own documented token.
 */
@Component
@Order(100)
class ApiTokenBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ApiTokenBootstrap.class);

	private final ApiTokens tokens;

	private final String initialToken;

	ApiTokenBootstrap(ApiTokens tokens, @Value("${baken.api.initial-token:}") String initialToken) {
		this.tokens = tokens;
		this.initialToken = initialToken;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (tokens.anyIssued()) {
			return;
		}
		Actor system = Actor.system("bootstrap");
		if (!initialToken.isBlank()) {
			tokens.register("initial admin", EnumSet.allOf(Scope.class), initialToken, system);
			log.info("Created the initial admin API token from baken.api.initial-token.");
			return;
		}
		IssuedToken token = tokens.issue("initial admin", EnumSet.allOf(Scope.class), system);
		log.warn("""

				No API token existed, so one admin token was generated. It is shown only this once; store it now:
				    {}
				Create more with POST /api/v1/tokens and revoke this one when you have your own.""", token.token());
	}
}
