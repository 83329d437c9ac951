package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.baken.access.ApiTokens;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Base for API tests: the whole application over MockMvc, on the database chosen by {@link TestDatabase}. */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "baken.demo.enabled=false")
public abstract class ApiTestSupport {

	@Autowired
	protected MockMvcTester mvc;

	@Autowired
	protected ApiTokens tokens;

	@Autowired
	protected JsonMapper json;

	@Autowired
	private Users people;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	protected String token(Scope... scopes) {
		Set<Scope> set = scopes.length == 0 ? EnumSet.allOf(Scope.class) : EnumSet.of(scopes[0], scopes);
		return "Bearer " + tokens.issue("test-" + UUID.randomUUID(), set, Actor.system("test")).token();
	}

	protected MvcTestResult post(String token, String uri, String body) {
		return mvc.post()
			.uri(uri)
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	/** GET that must answer 200; the JSON body. */
	protected JsonNode get(String token, String uri) throws Exception {
		MvcTestResult result = mvc.get().uri(uri).header("Authorization", token).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return json.readTree(result.getResponse().getContentAsString());
	}

	/** A new desk user with this one role and language, named after the role. */
	protected String person(Role role, String language) {
		String name = role.code() + "-" + UUID.randomUUID().toString().substring(0, 8);
		people.create(new NewUser(name, name, "wachtwoord-" + UUID.randomUUID(), EnumSet.of(role), null, language),
				Actor.system("test"));
		return name;
	}

	/** Waits up to 10 s for the latch, inside a transaction that a test holds open while another waits for it. */
	protected static void awaitRelease(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}
}
