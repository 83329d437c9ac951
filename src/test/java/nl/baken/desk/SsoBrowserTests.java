package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import nl.baken.access.NewUser;
import nl.baken.access.OidcPeer;
import nl.baken.access.Role;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Single sign-on in a real browser against a real OpenID Connect provider ({@link OidcPeer}) over HTTP: the whole
 * authorization-code flow with PKCE, the ID token checked by Spring, and who may come in decided by Baken.
 */
@TestPropertySource(properties = "baken.demo.enabled=false")
class SsoBrowserTests extends BrowserTestSupport {

	private static final OidcPeer provider = OidcPeer.start();

	@Autowired
	Users users;

	@DynamicPropertySource
	static void singleSignOn(DynamicPropertyRegistry registry) {
		provider.register(registry, "testidp", "Test IdP");
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@Test
	void theLoginPageOffersTheProviderInDutchAndEnglish() throws Exception {
		assertThat(page("/login", "nl")).contains("Inloggen met Test IdP").contains("/oauth2/authorization/testidp");
		assertThat(page("/login", "en")).contains("Log in with Test IdP");
	}

	@Test
	void aKnownPersonLogsInThroughTheProviderAndLandsOnTheInboxWithANormalSession() {
		String username = person(true, "Jan.SSO." + UUID.randomUUID() + "@Example.nl");
		String email = users.find(username).orElseThrow().email();
		provider.nextLogin(claims(email.toUpperCase(java.util.Locale.ROOT), true));

		logInThroughProvider();

		assertThat(browser.getCurrentUrl()).endsWith("/desk");
		assertThat(browser.getTitle()).isEqualTo("Inbox");
		assertThat(browser.findElement(By.cssSelector("nav.views")).getText()).contains("(");
		assertThat(provider.authorizationRequests().getLast()).containsEntry("code_challenge_method", "S256")
			.containsKeys("code_challenge", "nonce", "state");

		// the session is a Baken session under the username: a change of rights ends it
		UserView user = users.find(username).orElseThrow();
		users.update(username, user.displayName(), EnumSet.of(Role.AGENT, Role.TEAM_LEAD), user.teamId(),
				user.language(), true, Actor.system("test"));
		browser.get(base() + "/desk");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

	@Test
	void loggingOutNeedsTheCsrfTokenAndEndsTheSessionAlsoAtTheProvider() throws Exception {
		String username = person(true, "uitlog-" + UUID.randomUUID() + "@example.nl");
		provider.nextLogin(claims(users.find(username).orElseThrow().email(), true));
		logInThroughProvider();
		assertThat(browser.getCurrentUrl()).endsWith("/desk");

		String session = browser.manage().getCookieNamed("SESSION").getValue();
		HttpResponse<String> forged = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/logout"))
				.header("Cookie", "SESSION=" + session)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).as("a logout without the CSRF token").isEqualTo(403);
		browser.get(base() + "/desk");
		assertThat(browser.getCurrentUrl()).as("still logged in").endsWith("/desk");

		Browser.submit(browser, By.cssSelector("form[action='/logout'] button"));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
		assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
		assertThat(provider.logoutRequests().getLast()).containsKey("id_token_hint")
			.containsEntry("post_logout_redirect_uri", base() + "/login?logout");
		browser.get(base() + "/desk");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

	@Test
	void someoneBakenDoesNotKnowIsRefusedAndNotCreated() {
		String email = "onbekend-" + UUID.randomUUID() + "@example.nl";
		provider.nextLogin(claims(email, true));

		logInThroughProvider();

		assertRefused("unknown", "no person in Baken has the e-mail address");
		assertThat(users.findByEmail(email)).isEmpty();
	}

	@Test
	void anEmailAddressTheProviderDidNotVerifyIsNotEnough() {
		String username = person(true, "onbevestigd-" + UUID.randomUUID() + "@example.nl");
		provider.nextLogin(claims(users.find(username).orElseThrow().email(), false));

		logInThroughProvider();

		assertRefused("unverified", "has not verified your e-mail address");
	}

	@Test
	void aDisabledPersonIsRefused() {
		String username = person(false, "uit-" + UUID.randomUUID() + "@example.nl");
		provider.nextLogin(claims(users.find(username).orElseThrow().email(), true));

		logInThroughProvider();

		assertRefused("disabled", "account is disabled");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anIdTokenChangedAfterSigningIsRefused(CapturedOutput log) {
		String admin = person(true, "beheer-" + UUID.randomUUID() + "@example.nl");
		String adminEmail = users.find(admin).orElseThrow().email();
		// mallory is known to the provider, not to Baken, and swaps in the admin's address after signing
		provider.nextLogin(claims("mallory-" + UUID.randomUUID() + "@example.nl", true));
		provider.tamperNextIdToken(Map.of("email", adminEmail));

		logInThroughProvider();

		assertRefused("failed", "did not work");
		assertThat(log.getAll()).contains("invalid_id_token").contains("Invalid signature");
	}

	@Test
	void aForgedAuthorizationResponseIsRefused() {
		browser.get(base() + "/login/oauth2/code/testidp?code=" + UUID.randomUUID() + "&state=vervalst");
		assertRefused("failed", "did not work");
	}

	private void logInThroughProvider() {
		browser.get(base() + "/login");
		browser.findElement(By.id("sso-testidp")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.until(d -> d.getCurrentUrl().startsWith(base()) && !d.getCurrentUrl().contains("/login/oauth2/"));
	}

	/** Refused: back on the login page with the reason in words (the browser asks for English), no way in. */
	private void assertRefused(String reason, String words) {
		assertThat(browser.getCurrentUrl()).endsWith("/login?sso=" + reason);
		assertThat(browser.findElement(By.id("sso-refused")).getText()).containsIgnoringCase(words);
		browser.get(base() + "/desk");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
	}

	private String person(boolean enabled, String email) {
		String username = "sso-" + UUID.randomUUID().toString().substring(0, 8);
		users.createWithEmail(new NewUser(username, "SSO " + username, "sso-wachtwoord-" + UUID.randomUUID(),
				EnumSet.of(Role.AGENT), null, "nl"), email, Actor.system("test"));
		if (!enabled) {
			UserView user = users.find(username).orElseThrow();
			users.update(username, user.displayName(), user.roles(), null, "nl", false, Actor.system("test"));
		}
		return username;
	}

	private static Map<String, Object> claims(String email, boolean verified) {
		return Map.of("sub", "subject-" + UUID.randomUUID(), "email", email, "email_verified", verified, "name",
				"Iemand via SSO", "preferred_username", email);
	}

	private String page(String path, String language) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept-Language", language).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}
}
