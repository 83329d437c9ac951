package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Knowledge editors write guided flows as JSON in the desk; a refusal says what is wrong in their language. */
class FlowEditorTests extends ApiTestSupport {

	@Autowired
	Users users;

	@Autowired
	GuidedFlows flows;

	String person(Set<Role> roles, String language) {
		String name = "flowed-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(name, "Editor", "flow-editor-wachtwoord", EnumSet.copyOf(roles), null, language),
				Actor.system("test"));
		return name;
	}

	MvcTestResult save(String editor, String definition) {
		return mvc.post()
			.uri("/desk/knowledge/flows")
			.with(user(editor))
			.with(csrf())
			.param("definition", definition)
			.exchange();
	}

	static final String FLOW = """
			{"titleNl":"Kapotte %s","titleEn":"Broken %s","start":"q",
			 "steps":[{"id":"q","kind":"question","textNl":"Is het kapot?","textEn":"Is it broken?",
			           "options":[{"labelNl":"Ja","labelEn":"Yes","next":"%s"}]},
			          {"id":"a","kind":"answer","textNl":"Stuur het terug.","textEn":"Send it back."}]}""";

	@Test
	void anEditorWritesAFlowAndSeesItListed() throws Exception {
		String editor = person(Set.of(Role.KNOWLEDGE_EDITOR), "en");
		MvcTestResult example = mvc.get().uri("/desk/knowledge/flows/new").with(user(editor)).exchange();
		assertThat(example).hasStatusOk();
		assertThat(example.getResponse().getContentAsString()).contains("&quot;kind&quot; : &quot;question&quot;");

		String word = "lamp" + UUID.randomUUID().toString().substring(0, 6);
		MvcTestResult saved = save(editor, FLOW.formatted(word, word, "a"));
		assertThat(saved).hasStatus(HttpStatus.FOUND);
		String location = saved.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/desk/knowledge/flows/").endsWith("?saved");
		UUID id = UUID.fromString(location.substring("/desk/knowledge/flows/".length(), location.indexOf('?')));
		assertThat(flows.get(id).updatedBy()).isEqualTo("agent:" + editor);

		MvcTestResult page = mvc.get().uri(location).with(user(editor)).exchange();
		assertThat(page.getResponse().getContentAsString()).contains("Broken " + word);
		MvcTestResult list = mvc.get().uri("/desk/knowledge/flows").with(user(editor)).exchange();
		assertThat(list.getResponse().getContentAsString()).contains("Kapotte " + word);

		MvcTestResult changed = mvc.post()
			.uri("/desk/knowledge/flows")
			.with(user(editor))
			.with(csrf())
			.param("id", id.toString())
			.param("baseVersion", "1")
			.param("definition", FLOW.formatted(word + " 2", word, "a"))
			.exchange();
		assertThat(changed).hasStatus(HttpStatus.FOUND);
		assertThat(flows.get(id).titleNl()).isEqualTo("Kapotte " + word + " 2");
	}

	@Test
	void aRefusalNamesTheRuleAndTheStepInTheEditorsLanguage() throws Exception {
		String dutch = person(Set.of(Role.ADMIN), "nl");
		String cycle = save(dutch, FLOW.formatted("x", "x", "q")).getResponse().getContentAsString();
		assertThat(cycle).contains("Niet opgeslagen: stap &#39;q&#39; leidt terug naar een eerdere stap");
		// what the editor typed stays in the form, escaped
		assertThat(cycle).contains("Kapotte x");

		String english = person(Set.of(Role.KNOWLEDGE_EDITOR), "en");
		assertThat(save(english, FLOW.formatted("x", "x", "nowhere")).getResponse().getContentAsString())
			.contains("an option of step &#39;q&#39; leads to a step that does not exist");
		assertThat(save(english, "{\"titleNl\": <script>").getResponse().getContentAsString())
			.contains("this is not valid JSON").contains("&lt;script&gt;").doesNotContain("<script>");
		assertThat(save(english, FLOW.formatted("x", "x", "a").replace("\"answer\"", "\"maybe\""))
			.getResponse()
			.getContentAsString()).contains("every step needs a kind");
	}

	@Test
	void agentsMayNotEditFlows() {
		String agent = person(Set.of(Role.AGENT), "nl");
		assertThat(mvc.get().uri("/desk/knowledge/flows").with(user(agent)).exchange()).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(save(agent, FLOW.formatted("x", "x", "a"))).hasStatus(HttpStatus.FORBIDDEN);
	}
}
