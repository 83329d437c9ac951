package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;

import nl.baken.ApiTestSupport;
import nl.baken.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** The wallboard: the queues now, today's KPIs with their definitions and contacts, and who may see it. */
class WallboardTests extends ApiTestSupport {

	@Test
	void aWaitingContactIsCountedAndTodaysKpisCarryTheirDefinitionsAndContacts() throws Exception {
		String lead = person(Role.TEAM_LEAD, "en");
		int before = waitingWebchat(lead);
		deliver();
		String html = page(lead, "TEAM_LEAD");
		assertThat(waitingIn(html)).isEqualTo(before + 1);
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).toString();
		assertThat(html).contains("Wallboard", "Per queue", "Longest wait", "abandonment-rate@1",
				"/desk/kpis/abandonment-rate?from=" + today + "&amp;to=" + today + "&amp;channel=webchat",
				"data-live=\"wallboard\"", "data-live-every");
		// the queue of contacts no team has yet is named, not shown as its internal id
		assertThat(html).contains("Not yet routed to a team").doesNotContain(">unrouted<");
		// the service level per channel, each with its own T, and a drill-down that counts with the same T
		assertThat(html).contains("service-level@1{T=20s,S=5s", "service-level@1{T=60s,S=5s",
				"service-level@1{T=86400s,S=5s", "T = 24 h", "T = 60 s", "T = 1 h",
				"/desk/kpis/service-level?from=" + today + "&amp;to=" + today
						+ "&amp;channel=email&amp;thresholdSeconds=86400");
		var drilldown = mvc.get()
			.uri("/desk/kpis/service-level?from=" + today + "&to=" + today + "&channel=email&thresholdSeconds=86400")
			.with(user(lead).roles("TEAM_LEAD"))
			.exchange();
		assertThat(drilldown).hasStatus(HttpStatus.OK);
		assertThat(drilldown.getResponse().getContentAsString()).contains("service-level@1{T=86400s,S=5s")
			.containsPattern("format=csv[^\"]*thresholdSeconds=86400");
		var csv = mvc.get()
			.uri("/desk/kpis/service-level?format=csv&from=" + today + "&to=" + today
					+ "&channel=email&thresholdSeconds=86400")
			.with(user(lead).roles("TEAM_LEAD"))
			.exchange();
		assertThat(csv).hasStatus(HttpStatus.OK);
		assertThat(csv.getResponse().getContentAsString()).startsWith("conversationId,");
		String plain = mvc.get()
			.uri("/desk/kpis/service-level?from=" + today + "&to=" + today)
			.with(user(lead).roles("TEAM_LEAD"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(plain).contains("service-level@1{T=20s,S=5s").doesNotContainPattern("thresholdSeconds=\\d");
		// the page's CSV link without a T, as the page writes it
		assertThat(mvc.get()
			.uri("/desk/kpis/service-level?format=csv&from=" + today + "&to=" + today
					+ "&channel=&teamId=&brandId=&thresholdSeconds=")
			.with(user(lead).roles("TEAM_LEAD"))
			.exchange()).hasStatus(HttpStatus.OK);
	}

	@Test
	void plannersSeeItInDutch() throws Exception {
		String html = page(person(Role.PLANNER, "nl"), "PLANNER");
		assertThat(html).contains("Wandbord", "Per wachtrij", "Serviceniveau vandaag", "Terugbellen nu", "T = 24 uur");
	}

	@Test
	void agentsAndKnowledgeEditorsDoNotSeeIt() {
		assertThat(mvc.get().uri("/desk/wallboard").with(user(person(Role.AGENT, "en")).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get()
			.uri("/desk/wallboard")
			.with(user(person(Role.KNOWLEDGE_EDITOR, "en")).roles("KNOWLEDGE_EDITOR"))
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
	}

	private int waitingWebchat(String lead) throws Exception {
		return waitingIn(page(lead, "TEAM_LEAD"));
	}

	/** The waiting count in the webchat row. */
	private static int waitingIn(String html) {
		String row = html.substring(html.indexOf("id=\"channel-webchat\""));
		return Integer.parseInt(row.replaceFirst("(?s).*?<td class=\"waiting\">(\\d+)</td>.*", "$1"));
	}

	private String page(String name, String role) throws Exception {
		var result = mvc.get().uri("/desk/wallboard").with(user(name).roles(role)).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return result.getResponse().getContentAsString();
	}

	private void deliver() throws Exception {
		assertThat(post(token(), "/api/v1/inbound", """
				{"channel":"webchat","providerMessageId":"%s","sender":{"webVisitorId":"%s"},"text":"Hallo",
				 "sentAt":"%s"}""".formatted(unique("wall"), unique("visitor"), Instant.now()))).hasStatus(HttpStatus.ACCEPTED);
	}
}
