package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.List;

import nl.baken.ApiTestSupport;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** The wallboard: the queues now, today's KPIs with their definitions and contacts, and who may see it. */
class WallboardTests extends ApiTestSupport {

	@Autowired
	Teams teams;

	@Autowired
	Conversations conversations;
	@Test
	void aWaitingContactIsCountedAndTodaysKpisCarryTheirDefinitionsAndContacts() throws Exception {
		String lead = person(Role.TEAM_LEAD, "en");
		int before = waitingWebchat(lead);
		deliver();
		String html = page(lead, "TEAM_LEAD");
		assertThat(waitingIn(html)).isEqualTo(before + 1);
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).toString();
		assertThat(html).contains("Wallboard", "Per queue and channel", "Longest wait", "abandonment-rate@1",
				"/desk/kpis/abandonment-rate?from=" + today + "&amp;to=" + today + "&amp;channel=webchat",
				"data-live=\"wallboard\"", "data-live-every");
		// the queue of contacts no team has yet is named, not shown as its internal id
		assertThat(html).contains("Not yet routed to a team").doesNotContain(">unrouted<");
		assertThat(queueRow(html, "Not yet routed to a team", "Web chat")).contains("T = 60 s",
				"channel=webchat&amp;queue=unrouted&amp;thresholdSeconds=60");
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
	void eachQueueShowsTodaysServiceLevelPerChannelAlsoWhenNobodyWaitsThere() throws Exception {
		String queue = unique("wq").replace("-", "");
		teams.define(queue, "Wachtrij " + queue, "Queue " + queue);
		// a call queued for 8 s and answered (in time for the phone's T of 20 s); a second one waits now
		Instant t = Instant.now().minusSeconds(40);
		String token = token(Scope.TELEPHONY_WRITE);
		String answered = unique("call");
		call(token, answered, "1", "offered", t.minusSeconds(2), "");
		call(token, answered, "2", "queued", t, "\"queue\":\"" + queue + "\"");
		call(token, answered, "3", "answered", t.plusSeconds(8), "\"agent\":\"agent-" + queue + "\"");
		call(token, answered, "4", "ended", t.plusSeconds(30), "");

		String html = page(person(Role.TEAM_LEAD, "en"), "TEAM_LEAD");
		String row = queueRow(html, "Queue " + queue, "Phone");
		assertThat(row).contains("<td class=\"waiting\">0</td>", "100.0 %", "T = 20 s",
				"channel=phone&amp;queue=" + queue + "&amp;thresholdSeconds=20");
		// only the channels where this queue had contacts today
		assertThat(html.split(">Queue " + queue + "<", -1)).hasSize(2);
		// the drill-down behind the row counts this queue's call, with the same T
		var drilldown = mvc.get()
			.uri("/desk/kpis/service-level?from=" + today() + "&to=" + today() + "&channel=phone&queue=" + queue
					+ "&thresholdSeconds=20")
			.with(user("lead").roles("TEAM_LEAD"))
			.exchange();
		assertThat(drilldown).hasStatus(HttpStatus.OK);
		assertThat(drilldown.getResponse().getContentAsString()).contains("service-level@1{T=20s,S=5s");
	}

	@Test
	void aWaitOfMoreThanAnHourIsShownInHours() throws Exception {
		Instant received = Instant.now().minusSeconds(2 * 3600 + 5 * 60);
		conversations.receive(new InboundMessage("email", unique("late"),
				new IdentityClaim(List.of(Identity.email(unique("late") + "@example.com")), null, null, received), null,
				"nl", "Late", "Waar blijft mijn bestelling?", null, List.of(), received, received));
		String html = page(person(Role.TEAM_LEAD, "en"), "TEAM_LEAD");
		String email = html.substring(html.indexOf("id=\"channel-email\""));
		email = email.substring(0, email.indexOf("</tr>"));
		// before: "125:00", minutes past a hundred
		assertThat(email).containsPattern("<td><span>\\d+:\\d\\d:\\d\\d</span></td>");
		assertThat(html).doesNotContainPattern(">\\d{3,}:\\d\\d<");
	}

	@Test
	void plannersSeeItInDutch() throws Exception {
		String html = page(person(Role.PLANNER, "nl"), "PLANNER");
		assertThat(html).contains("Wandbord", "Per wachtrij en kanaal", "Serviceniveau vandaag", "Terugbellen nu",
				"T = 24 uur");
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

	/** The queue's row for one channel, from the queue's name to the end of the row. */
	private static String queueRow(String html, String name, String channel) {
		String cell = ">" + name + "<";
		for (int start = html.indexOf(cell); start >= 0; start = html.indexOf(cell, start + 1)) {
			String row = html.substring(start, html.indexOf("</tr>", start));
			if (row.contains("<td>" + channel + "</td>")) {
				return row;
			}
		}
		throw new AssertionError("no row for " + name + " on " + channel);
	}

	private static String today() {
		return java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).toString();
	}

	private void call(String token, String callId, String eventId, String type, Instant at, String extra)
			throws Exception {
		assertThat(post(token, "/api/v1/channels/telephony/events", """
				{"callId":"%s","eventId":"%s","type":"%s","occurredAt":"%s","caller":"+31201234599"%s}"""
			.formatted(callId, eventId, type, at, extra.isEmpty() ? "" : "," + extra))).hasStatus(HttpStatus.ACCEPTED);
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
