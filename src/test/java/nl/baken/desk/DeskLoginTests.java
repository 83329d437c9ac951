package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.EnumSet;

import jakarta.servlet.http.Cookie;
import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@DatabaseTest
class DeskLoginTests extends ApiTestSupport {

	private static final String PASSWORD = "lang-genoeg-wachtwoord";

	@Autowired
	Users users;

	@Test
	void theDeskNeedsALogin() {
		assertThat(mvc.get().uri("/desk")).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
		assertThat(mvc.get().uri("/login")).hasStatus(HttpStatus.OK);
	}

	@Test
	void bakensOwnPagesOnlyRunItsOwnScripts() {
		for (String page : new String[] { "/login", "/help/nl", "/contact/nl" }) {
			assertThat(mvc.get().uri(page)).as(page)
				.hasStatus(HttpStatus.OK)
				.headers()
				.hasValue("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
						+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
						+ "base-uri 'self'; frame-ancestors 'none'");
		}
		assertThat(mvc.get().uri("/swagger-ui/index.html")).hasStatus(HttpStatus.OK)
			.headers()
			.doesNotContainHeader("Content-Security-Policy");
	}

	@Test
	void aRightPasswordLogsInAndAWrongOneDoesNot() {
		String username = user("nl");
		assertThat(login(username, PASSWORD)).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/desk");
		assertThat(login(username, "verkeerd-wachtwoord")).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login?error");
		assertThat(mvc.post().uri("/login").param("username", username).param("password", PASSWORD))
			.as("a login form without its CSRF token")
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void fiveWrongPasswordsBlockEvenTheRightOneForAWhile() {
		String username = user("nl");
		for (int i = 0; i < 5; i++) {
			assertThat(login(username, "fout-" + i + "-wachtwoord")).redirectedUrl().endsWith("/login?error");
		}
		assertThat(login(username, PASSWORD)).redirectedUrl().endsWith("/login?error");
	}

	@Test
	void changingThePasswordEndsEverySessionOfThatUser() {
		String username = user("nl");
		Cookie session = sessionOf(login(username, PASSWORD));
		assertThat(mvc.get().uri("/desk").cookie(session)).hasStatus(HttpStatus.OK);

		users.changePassword(username, PASSWORD, "een-nieuw-lang-wachtwoord");

		assertThat(mvc.get().uri("/desk").cookie(session)).hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");
		assertThat(login(username, PASSWORD)).redirectedUrl().endsWith("/login?error");
	}

	@Test
	void thePasswordPageChangesThePasswordAndEndsTheSessionItCameFrom() {
		String username = user("nl");
		Cookie session = sessionOf(login(username, PASSWORD));
		assertThat(changePassword(session, PASSWORD, "nieuw-en-lang-genoeg", "anders-dan-de-eerste"))
			.hasStatus(HttpStatus.OK)
			.bodyText()
			.contains("De twee nieuwe wachtwoorden verschillen.");
		assertThat(changePassword(session, "niet-het-goede", "nieuw-en-lang-genoeg", "nieuw-en-lang-genoeg"))
			.bodyText()
			.contains("Het huidige wachtwoord klopt niet.");
		assertThat(changePassword(session, PASSWORD, "nieuw-en-lang-genoeg", "nieuw-en-lang-genoeg"))
			.hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login?passwordChanged");
		assertThat(mvc.get().uri("/desk").cookie(session)).hasStatus(HttpStatus.FOUND).redirectedUrl().endsWith("/login");
		assertThat(login(username, "nieuw-en-lang-genoeg")).redirectedUrl().endsWith("/desk");
	}

	@Test
	void theInboxSpeaksTheUsersLanguageAndShowsCustomerContentAsText() throws Exception {
		assertThat(post(token(), "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl"},
				 "subject":"<script>alert('x')</script><b>vet</b>","text":"hallo","sentAt":"2026-11-23T09:00:00Z"}"""
			.formatted(unique("xss"), unique("xss")))).hasStatus(HttpStatus.ACCEPTED);

		MvcTestResult dutch = mvc.get().uri("/desk").cookie(sessionOf(login(user("nl"), PASSWORD))).exchange();
		String page = dutch.getResponse().getContentAsString();
		assertThat(page).contains("Uitloggen", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;")
			.doesNotContain("<script>alert", "<b>vet</b>");

		MvcTestResult english = mvc.get().uri("/desk").cookie(sessionOf(login(user("en"), PASSWORD))).exchange();
		assertThat(english.getResponse().getContentAsString()).contains("Log out", "Waiting since");
	}

	@Test
	void adminsManagePeopleAndEveryChangeOfRightsEndsTheirSessions() {
		String admin = unique("admin").substring(0, 30);
		users.create(new NewUser(admin, "Test Admin", PASSWORD, EnumSet.of(Role.ADMIN), null, "en"),
				Actor.system("test"));
		Cookie adminSession = sessionOf(login(admin, PASSWORD));
		String newcomer = unique("new").substring(0, 20);

		assertThat(mvc.post()
			.uri("/desk/admin/users")
			.cookie(adminSession)
			.with(csrf())
			.param("username", newcomer)
			.param("displayName", "Nieuwe Collega")
			.param("password", "kort")
			.param("roles", "agent")
			.exchange()).redirectedUrl().endsWith("error=users.error.password");
		assertThat(mvc.post()
			.uri("/desk/admin/users")
			.cookie(adminSession)
			.with(csrf())
			.param("username", newcomer)
			.param("displayName", "Nieuwe Collega")
			.param("password", PASSWORD)
			.param("roles", "agent")
			.param("language", "nl")
			.exchange()).redirectedUrl().endsWith("saved=" + newcomer);
		Cookie newcomerSession = sessionOf(login(newcomer, PASSWORD));
		assertThat(mvc.get().uri("/desk/admin/users").cookie(newcomerSession)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get().uri("/desk/admin/users").cookie(adminSession)).hasStatus(HttpStatus.OK)
			.bodyText()
			.contains(newcomer, "Nieuwe Collega");

		assertThat(mvc.post()
			.uri("/desk/admin/users/" + newcomer)
			.cookie(adminSession)
			.with(csrf())
			.param("displayName", "Nieuwe Collega")
			.param("roles", "agent", "team_lead")
			.param("language", "nl")
			.param("enabled", "true")
			.exchange()).redirectedUrl().endsWith("saved=" + newcomer);
		assertThat(users.find(newcomer).orElseThrow().roles()).containsExactlyInAnyOrder(Role.AGENT, Role.TEAM_LEAD);
		assertThat(mvc.get().uri("/desk").cookie(newcomerSession)).as("new rights, new session")
			.hasStatus(HttpStatus.FOUND)
			.redirectedUrl()
			.endsWith("/login");

		assertThat(mvc.post()
			.uri("/desk/admin/users/" + newcomer + "/password")
			.cookie(adminSession)
			.with(csrf())
			.param("password", "opnieuw-ingesteld-wachtwoord")
			.exchange()).redirectedUrl().endsWith("saved=" + newcomer);
		assertThat(login(newcomer, PASSWORD)).redirectedUrl().endsWith("/login?error");
		assertThat(login(newcomer, "opnieuw-ingesteld-wachtwoord")).redirectedUrl().endsWith("/desk");

		assertThat(mvc.post()
			.uri("/desk/admin/users/" + newcomer)
			.cookie(adminSession)
			.with(csrf())
			.param("displayName", "Nieuwe Collega")
			.param("roles", "agent")
			.param("language", "nl")
			.exchange()).redirectedUrl().endsWith("saved=" + newcomer);
		assertThat(login(newcomer, "opnieuw-ingesteld-wachtwoord")).as("disabled").redirectedUrl().endsWith("/login?error");

		assertThat(mvc.post()
			.uri("/desk/admin/users/" + admin)
			.cookie(adminSession)
			.with(csrf())
			.param("displayName", "Test Admin")
			.param("roles", "agent")
			.param("language", "en")
			.param("enabled", "true")
			.exchange()).redirectedUrl().endsWith("error=users.error.self");
		assertThat(users.find(admin).orElseThrow().roles()).containsExactly(Role.ADMIN);
	}

	@Test
	void adminsSetTheEmailAddressSingleSignOnRecognisesPeopleBy() {
		String admin = unique("admin").substring(0, 30);
		users.create(new NewUser(admin, "Test Admin", PASSWORD, EnumSet.of(Role.ADMIN), null, "nl"),
				Actor.system("test"));
		Cookie adminSession = sessionOf(login(admin, PASSWORD));
		String first = unique("mail").substring(0, 20);
		String second = unique("mail").substring(0, 20);
		String email = unique("Collega") + "@Example.nl";

		assertThat(addPerson(adminSession, first, email)).redirectedUrl().endsWith("saved=" + first);
		assertThat(users.find(first).orElseThrow().email()).isEqualTo(email.toLowerCase());
		assertThat(mvc.get().uri("/desk/admin/users").cookie(adminSession)).bodyText()
			.contains(email.toLowerCase(), "E-mail (eenmalig inloggen)");
		assertThat(addPerson(adminSession, second, email)).as("the address is taken")
			.redirectedUrl()
			.endsWith("error=users.error.email");
		assertThat(users.find(second)).as("nothing half-made").isEmpty();

		assertThat(mvc.post()
			.uri("/desk/admin/users/" + first)
			.cookie(adminSession)
			.with(csrf())
			.param("displayName", "Collega")
			.param("email", "geen adres")
			.param("roles", "agent")
			.param("language", "nl")
			.param("enabled", "true")
			.exchange()).redirectedUrl().endsWith("error=users.error.email");
		assertThat(mvc.post()
			.uri("/desk/admin/users/" + first)
			.cookie(adminSession)
			.with(csrf())
			.param("displayName", "Collega")
			.param("email", "")
			.param("roles", "agent")
			.param("language", "nl")
			.param("enabled", "true")
			.exchange()).redirectedUrl().endsWith("saved=" + first);
		assertThat(users.find(first).orElseThrow().email()).as("cleared").isNull();
	}

	private MvcTestResult addPerson(Cookie adminSession, String username, String email) {
		return mvc.post()
			.uri("/desk/admin/users")
			.cookie(adminSession)
			.with(csrf())
			.param("username", username)
			.param("displayName", "Collega")
			.param("email", email)
			.param("password", PASSWORD)
			.param("roles", "agent")
			.param("language", "nl")
			.exchange();
	}

	private MvcTestResult changePassword(Cookie session, String current, String fresh, String repeated) {
		return mvc.post()
			.uri("/desk/password")
			.cookie(session)
			.with(csrf())
			.param("currentPassword", current)
			.param("newPassword", fresh)
			.param("repeatPassword", repeated)
			.exchange();
	}

	private String user(String language) {
		String username = unique("agent").substring(0, 30);
		users.create(new NewUser(username, "Test Agent", PASSWORD, EnumSet.of(Role.AGENT), null, language),
				Actor.system("test"));
		return username;
	}

	private MvcTestResult login(String username, String password) {
		return mvc.post()
			.uri("/login")
			.param("username", username)
			.param("password", password)
			.with(csrf())
			.exchange();
	}

	private static Cookie sessionOf(MvcTestResult login) {
		Cookie session = login.getResponse().getCookie("SESSION");
		assertThat(session).as("the session cookie of Spring Session").isNotNull();
		return session;
	}
}
