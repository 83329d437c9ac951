package nl.baken.channel.webchat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

import nl.baken.access.Teams;
import nl.baken.channel.SelfServiceSuggestions;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.Deliveries;
import nl.baken.customer.Brands;
import nl.baken.routing.Callbacks;
import nl.baken.routing.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web chat channel, on unless {@code baken.channels.webchat.enabled=false}. Its API is for visitors of customer
 * sites, so it has a security chain of its own: no login or CSRF token (visitors carry a signed token in a header,
 * which another site cannot make a browser send), and CORS open to the configured sites only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "baken.channels.webchat.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WebchatProperties.class)
class WebchatConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebchatConfiguration.class);

	@Bean
	@Order(0)
	SecurityFilterChain webchatApiSecurity(HttpSecurity http, WebchatProperties properties) throws Exception {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of(WidgetApiController.TOKEN_HEADER, "Content-Type", "Last-Event-ID"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/webchat/api/**", cors);
		return http.securityMatcher("/webchat/api/**")
			.cors(c -> c.configurationSource(source))
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.build();
	}

	@Bean
	VisitorTokens visitorTokens(WebchatProperties properties, JsonMapper json) {
		return new VisitorTokens(secret(properties), json);
	}

	@Bean
	VisitorStream visitorStream(JdbcClient jdbc) {
		return new VisitorStream(jdbc);
	}

	@Bean
	Attachments webchatAttachments(JdbcClient jdbc, WebchatProperties properties) {
		return new Attachments(jdbc, properties.attachments());
	}

	@Bean
	Typing webchatTyping(JdbcClient jdbc, Clock clock) {
		return new Typing(jdbc, clock);
	}

	@Bean
	RateLimiter webchatRateLimiter(Clock clock, WebchatProperties properties) {
		return new RateLimiter(clock, properties.rateLimit());
	}

	@Bean
	WebchatAdapter webchatAdapter(VisitorStream stream, PlatformTransactionManager transactions, Clock clock) {
		return new WebchatAdapter(stream, new TransactionTemplate(transactions), clock);
	}

	@Bean
	WebChat webChat(Conversations conversations, ContactEvents events, Deliveries deliveries, Brands brands,
			VisitorTokens tokens, VisitorStream stream, Attachments attachments, Teams teams,
			ObjectProvider<SelfServiceSuggestions> suggestions, MessageSource texts,
			PlatformTransactionManager transactions, JsonMapper json, Clock clock, WebchatProperties properties,
			Callbacks callbacks, Routing routing,
			@Value("${baken.callbacks.time-zone:Europe/Amsterdam}") String callbackZone) {
		return new WebChat(conversations, events, deliveries, brands, tokens, new SiteIdentities(properties.sites()),
				stream, attachments, hours(properties.hours(), teams), suggestions.orderedStream().toList(), texts,
				new TransactionTemplate(transactions), json, clock, properties, callbacks, routing, callbackZone);
	}

	/** The named team's time zone when there is such a team, else the configured one. */
	private static BusinessHours hours(WebchatProperties.Hours hours, Teams teams) {
		String zone = hours.team() == null ? hours.timeZone()
				: teams.all()
					.stream()
					.filter(t -> t.id().equals(hours.team()))
					.map(Teams.Team::timeZone)
					.findFirst()
					.orElse(hours.timeZone());
		return new BusinessHours(ZoneId.of(zone), hours.week());
	}

	/**
	 * The configured secret, or one generated once into the data directory (readable by the owner only), so that
	 * tokens survive restarts. Nodes of one installation must share it: configure it, or share the data directory.
	 */
	private static byte[] secret(WebchatProperties properties) {
		if (properties.secret() != null && !properties.secret().isBlank()) {
			if (properties.secret().length() < 32) {
				throw new IllegalStateException("baken.channels.webchat.secret must be at least 32 characters");
			}
			return properties.secret().getBytes(StandardCharsets.UTF_8);
		}
		Path file = Path.of(properties.dataDir(), "webchat-secret");
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				String generated = HexFormat.of().formatHex(randomBytes());
				Path temporary = Files.createTempFile(file.getParent(), "webchat-secret", ".tmp");
				try {
					Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException e) {
					// not a POSIX file system; the data directory's own permissions protect it
				}
				Files.writeString(temporary, generated);
				try {
					Files.move(temporary, file);
				}
				catch (java.nio.file.FileAlreadyExistsException e) {
					// another node sharing the directory wrote it first: use theirs
					Files.deleteIfExists(temporary);
				}
				log.info("Generated a web chat secret in {}", file);
			}
			return Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read or create the web chat secret " + file, e);
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}
}
