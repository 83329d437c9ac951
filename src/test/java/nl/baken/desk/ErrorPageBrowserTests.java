package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.UUID;

import nl.baken.access.ApiTokens;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An address nobody handles, or a page the person's role does not open, shows a page in their language with a way
 * back; on the API it is a problem detail. (MockMvc cannot show this: the server forwards such errors to /error.)
 */
@TestPropertySource(properties = "baken.demo.enabled=false")
class ErrorPageBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "foutpagina-test-wachtwoord";

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Test
	void anUnknownOrForbiddenDeskPageIsExplainedInThePersonsLanguage() {
		String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Fout Agent", PASSWORD, EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		Browser.logIn(browser, port, agent, PASSWORD);

		browser.get("http://127.0.0.1:" + port + "/desk/bestaat-niet");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Pagina niet gevonden");
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
		browser.findElement(By.id("error-back")).click();
		assertThat(browser.getCurrentUrl()).endsWith("/desk");

		browser.get("http://127.0.0.1:" + port + "/desk/wallboard");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Geen toegang");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Status 403");
	}

	@Test
	void anUnknownPublicPageIsExplainedInEnglishWhenTheBrowserAsksForIt() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/css/bestaat-niet.css"))
				.header("Accept", "text/html")
				.header("Accept-Language", "en-GB,en;q=0.9")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<h1>Page not found</h1>").contains("href=\"/help\"");
	}

	@Test
	void anUnknownEndpointOrMethodOnTheApiIsAProblemDetail() throws Exception {
		String token = tokens.issue("error-test", EnumSet.of(Scope.INBOUND_WRITE), Actor.system("test")).token();
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> unknown = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/bestaat-niet"))
					.header("Authorization", "Bearer " + token)
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
		JsonNode notFound = JsonMapper.builder().build().readTree(unknown.body());
		assertThat(notFound.path("type").asString()).isEqualTo("https://baken.nl/problems/not-found");
		assertThat(notFound.path("detail").asString()).contains("/api/v1/bestaat-niet").contains("/openapi");

		HttpResponse<String> wrongMethod = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbound"))
					.header("Authorization", "Bearer " + token)
					.DELETE()
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(JsonMapper.builder().build().readTree(wrongMethod.body()).path("detail").asString())
			.contains("does not take this method; it takes POST");

		HttpResponse<String> widget = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webchat/api/bestaat-niet")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(widget.statusCode()).isEqualTo(404);
		assertThat(widget.headers().firstValue("Content-Type")).contains("application/problem+json");
	}
}
