package nl.baken.proactive.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.List;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The notifications admin page: admins only; templates listed per notification, channel and language, a template
 * with an unknown placeholder refused with a readable message and what was typed kept, a valid one saved, and
 * quiet hours and limits shown.
 */
@DatabaseTest
class NotificationAdminTests extends ApiTestSupport {

	@Autowired
	NoticeTemplates templates;

	@Test
	void onlyAdminsReachThePage() {
		String name = unique("notice").substring(0, 30);
		templates.define(name, List.of("text"));
		assertThat(mvc.get().uri("/desk/admin/notifications").with(user("agent").roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.post()
			.uri("/desk/admin/notifications/templates")
			.with(user("lead").roles("TEAM_LEAD"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("name=" + name + "&channel=any&language=nl&body=x")
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(templates.find(name, "any", "nl")).isEmpty();
	}

	@Test
	void anAdminSeesTheNotificationsQuietHoursAndLimits() throws Exception {
		MvcTestResult page = mvc.get().uri("/desk/admin/notifications").with(user("admin").roles("ADMIN")).exchange();
		assertThat(page).hasStatus(HttpStatus.OK);
		String html = page.getResponse().getContentAsString();
		assertThat(html).contains("id=\"kind-incident-update\"", "id=\"kind-rule-warning\"", "{{expectedEnd}}")
			.contains("21:00", "08:00", "Europe/Amsterdam")
			.contains("id=\"limits\"", "80", "4000");
	}

	@Test
	void aTemplateWithAnUnknownPlaceholderIsRefusedAndAValidOneSaved() throws Exception {
		String name = unique("notice").substring(0, 30);
		templates.define(name, List.of("title"));
		MvcTestResult refused = save(name, "email", "en", "Hello {{titel}}");
		assertThat(refused).hasStatus(HttpStatus.OK);
		String html = refused.getResponse().getContentAsString();
		assertThat(html).contains("id=\"template-error\"").contains("Hello {{titel}}");
		assertThat(templates.find(name, "email", "en")).isEmpty();

		MvcTestResult saved = save(name, "email", "en", "Hello <b>{{title}}</b>");
		assertThat(saved).hasStatus(HttpStatus.FOUND);
		assertThat(templates.find(name, "email", "en")).get()
			.satisfies(t -> assertThat(t.updatedBy()).isEqualTo("admin"));
		String page = mvc.get()
			.uri("/desk/admin/notifications")
			.with(user("admin").roles("ADMIN"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"template-" + name + "-email-en\"").contains("Hello &lt;b&gt;{{title}}&lt;/b&gt;");
	}

	private MvcTestResult save(String name, String channel, String language, String body) {
		return mvc.post()
			.uri("/desk/admin/notifications/templates")
			.with(user("admin").roles("ADMIN"))
			.with(csrf())
			.param("name", name)
			.param("channel", channel)
			.param("language", language)
			.param("body", body)
			.exchange();
	}
}
