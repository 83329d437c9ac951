package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.access.Role;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.Kpis;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.customer.Brands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The KPI page: every KPI with its definition beside the number, the contacts behind it, and who may see it. */
class KpiDashboardTests extends ApiTestSupport {

	@Autowired
	Kpis kpis;

	@Autowired
	Brands brands;

	@Autowired
	Conversations conversations;

	@Test
	void teamLeadsSeeEveryKpiWithItsDefinitionAndTheContactsBehindIt() throws Exception {
		String lead = person(Role.TEAM_LEAD, "en");
		String conversation = deliver();

		MvcTestResult page = mvc.get().uri("/desk/kpis").with(user(lead).roles("TEAM_LEAD")).exchange();
		assertThat(page).hasStatus(HttpStatus.OK);
		String html = page.getResponse().getContentAsString();
		kpis.definitions().forEach(d -> assertThat(html).contains("id=\"kpi-" + d.name() + "\"", d.titleEn()));
		assertThat(html).contains("service-level@1{T=20s,S=5s,abandons=negative", "Every number carries its definition");

		String backlog = mvc.get()
			.uri("/desk/kpis/backlog")
			.with(user(lead).roles("TEAM_LEAD"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(backlog).contains("/desk/conversations/" + conversation, "backlog@1");
	}

	@Test
	void theAgentTimeBotAndCallbackKpisShowTheirDefinitionsInBothLanguages() throws Exception {
		String html = mvc.get()
			.uri("/desk/kpis")
			.with(user(person(Role.TEAM_LEAD, "en")).roles("TEAM_LEAD"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("handle-time@1{excludeCustomerWait=true}", "occupancy@1",
				"bot-containment@1{W=24h,sameReason=false}", "bot-false-containment@2{W=24h,sameReason=false}",
				"callback-promise-kept@2", "Average handle time", "waiting for the customer",
				"a confident wrong answer costs more than an honest hand-off", "/desk/kpis/occupancy?");
		String dutch = mvc.get()
			.uri("/desk/kpis")
			.with(user(person(Role.PLANNER, "nl")).roles("PLANNER"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(dutch).contains("Gemiddelde afhandeltijd", "Bezetting", "Afhandeling door de bot",
				"Valse afhandeling door de bot", "Terugbelbelofte nagekomen", "wachten op de klant");
		String occupancy = mvc.get()
			.uri("/desk/kpis/occupancy")
			.with(user(person(Role.TEAM_LEAD, "en")).roles("TEAM_LEAD"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(occupancy).contains("occupancy@1", "Agent", "Why");
	}

	@Test
	void aWaitOfHoursIsShownInHoursAndMinutesAndEachChannelWithItsOwnThreshold() throws Exception {
		String brand = "duur" + UUID.randomUUID().toString().substring(0, 6);
		brands.define(brand, "Duur " + brand);
		MvcTestResult inbound = post(token(), "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl"},"brand":"%s",
				 "text":"Hallo","sentAt":"%s"}""".formatted(unique("kpi"), unique("wacht"), brand, Instant.now()));
		UUID id = UUID.fromString(
				json.readTree(inbound.getResponse().getContentAsString()).get("conversationId").asString());
		conversations.answer(new ConversationId(id), "agent-" + brand, Instant.now().plus(Duration.ofMinutes(185)));

		LocalDate today = LocalDate.now(KpiQuery.REPORTING_ZONE);
		String query = "/desk/kpis?from=" + today + "&to=" + today.plusDays(1) + "&brandId=" + brand;
		String english = mvc.get().uri(query).with(user(person(Role.TEAM_LEAD, "en")).roles("TEAM_LEAD"))
			.exchange().getResponse().getContentAsString();
		// 185 minutes: 11100 s, and in words
		assertThat(english).containsPattern("11100[.,]\\d s").contains("(3 h 5 min)")
			.containsPattern("over 1 contact, 11,1\\d\\d s in total");
		// over all channels T is 20 s and the e-mail failed it; with e-mail's own T of 24 hours it made it
		assertThat(english).contains("Per channel, each with its own T", "T = 24 h", "(1 of 1)")
			.containsPattern("service-level\\?[^\"]*channel=email&amp;[^\"]*thresholdSeconds=86400");
		String dutch = mvc.get().uri(query).with(user(person(Role.PLANNER, "nl")).roles("PLANNER"))
			.exchange().getResponse().getContentAsString();
		assertThat(dutch).contains("(3 u 5 min)", "Serviceniveau")
			.containsPattern("over 1 contact, 11\\.1\\d\\d s in totaal").contains("Per kanaal", "(1 van 1)");
	}

	@Test
	void theKpiPageSpeaksDutchAndExplainsABadPeriod() throws Exception {
		String planner = person(Role.PLANNER, "nl");
		String html = mvc.get()
			.uri("/desk/kpis?from=2026-11-20&to=2026-11-01&channel=fax")
			.with(user(planner).roles("PLANNER"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("Kengetallen", "Die periode klopt niet", "Afhaakpercentage");
	}

	@Test
	void agentsAndKnowledgeEditorsDoNotSeeTheKpiPage() {
		assertThat(mvc.get().uri("/desk/kpis").with(user(person(Role.AGENT, "en")).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get()
			.uri("/desk/kpis/backlog")
			.with(user(person(Role.KNOWLEDGE_EDITOR, "en")).roles("KNOWLEDGE_EDITOR"))
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
	}

	private String deliver() throws Exception {
		MvcTestResult inbound = post(token(), "/api/v1/inbound", """
				{"channel":"webchat","providerMessageId":"%s","sender":{"webVisitorId":"%s"},"text":"Hallo",
				 "sentAt":"%s"}""".formatted(unique("kpi"), unique("visitor"), Instant.now()));
		return json.readTree(inbound.getResponse().getContentAsString()).get("conversationId").asString();
	}
}
