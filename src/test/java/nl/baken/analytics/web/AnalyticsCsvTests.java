package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.access.Role;
import nl.baken.analytics.Kpis;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The KPI page, a KPI's contacts and the knowledge gaps as CSV, with the customers' words defused against formulas. */
class AnalyticsCsvTests extends ApiTestSupport {

	private static final String TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();

	@Autowired
	Kpis kpis;

	@Autowired
	Conversations conversations;

	@Autowired
	ContactEvents events;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theKpiPageAsCsvHasEveryKpiWithItsIdentity() throws Exception {
		String lead = person(Role.TEAM_LEAD, "en");
		String page = mvc.get().uri("/desk/kpis").with(user(lead).roles("TEAM_LEAD")).exchange().getResponse()
			.getContentAsString();
		assertThat(page).contains("/desk/kpis?format=csv&amp;from=");
		MvcTestResult csv = csv(lead, "/desk/kpis?format=csv&from=" + TODAY + "&to=" + TODAY + "&channel=webchat");
		List<String> lines = csv.getResponse().getContentAsString().lines().toList();
		assertThat(lines.getFirst()).isEqualTo("kpi,title,identity,unit,from,to,value,numerator,denominator");
		assertThat(lines).hasSize(kpis.definitions().size() + 1);
		assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("backlog,Backlog,backlog@1,").contains(TODAY + "," + TODAY));
		assertThat(csv.getResponse().getHeader("Content-Disposition")).contains("kpis.csv");
	}

	@Test
	void aKpisContactsAsCsvListTheConversationsCounted() throws Exception {
		String lead = person(Role.TEAM_LEAD, "en");
		UUID conversation = botConversation("Waar is mijn pakket?");
		String page = mvc.get().uri("/desk/kpis/backlog").with(user(lead).roles("TEAM_LEAD")).exchange().getResponse()
			.getContentAsString();
		assertThat(page).contains("/desk/kpis/backlog?format=csv&amp;from=");
		String csv = csv(lead, "/desk/kpis/backlog?format=csv&from=" + TODAY + "&to=" + TODAY).getResponse()
			.getContentAsString();
		assertThat(csv).startsWith("conversationId,customerId,channel,brandId,offeredAt,numerator,denominator,note,agentId,identity\r\n")
			.contains(conversation + ",");
		assertThat(mvc.get().uri("/desk/kpis/backlog?format=csv&from=gisteren").with(user(lead).roles("TEAM_LEAD")).exchange())
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(mvc.get().uri("/desk/kpis/backlog?format=csv").with(user(person(Role.AGENT, "en")).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void knowledgeGapsAsCsvDefuseFormulasCustomersTyped() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String formula = "=HYPERLINK(\"http://evil.example/" + tag + "\",\"klik\")";
		handedOff(formula);
		String editor = "editor-" + tag;
		String page = mvc.get().uri("/desk/knowledge-gaps").with(user(editor).roles("KNOWLEDGE_EDITOR")).exchange()
			.getResponse().getContentAsString();
		assertThat(page).contains("/desk/knowledge-gaps?format=csv&amp;from=");
		String csv = csv(editor, "/desk/knowledge-gaps?format=csv", "KNOWLEDGE_EDITOR").getResponse().getContentAsString();
		assertThat(csv).startsWith("rank,group,questions,askedAt,source,conversationId,question\r\n")
			.contains("\"'=HYPERLINK(\"\"http://evil.example/" + tag + "\"\",\"\"klik\"\")\"")
			.doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
		assertThat(mvc.get().uri("/desk/knowledge-gaps?format=csv").with(user("agent-" + tag).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get().uri("/desk/knowledge-gaps?format=csv&from=2026-13-01").with(user(editor).roles("KNOWLEDGE_EDITOR")).exchange())
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	private MvcTestResult csv(String name, String uri) {
		return csv(name, uri, "TEAM_LEAD");
	}

	private MvcTestResult csv(String name, String uri, String role) {
		MvcTestResult result = mvc.get().uri(uri).with(user(name).roles(role)).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(result.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
		return result;
	}

	private void handedOff(String question) {
		UUID id = botConversation(question);
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			ConversationView c = conversations.find(new ConversationId(id)).orElseThrow();
			events.append(Instant.now(), c, ContactEventType.BOT_HANDOFF, Actor.bot(), null,
					Map.of("reason", "dont_know"));
		});
	}

	private UUID botConversation(String question) {
		Instant now = Instant.now();
		UUID id = conversations
			.receive(new InboundMessage("webchat", "csv-" + UUID.randomUUID(),
					new IdentityClaim(List.of(Identity.webVisitor("v-" + UUID.randomUUID())), null, null, now), null,
					"nl", null, question, null, List.of(), now, now))
			.conversationId();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			ConversationView c = conversations.find(new ConversationId(id)).orElseThrow();
			events.append(now, c, ContactEventType.MESSAGE_SENT, Actor.bot(), null, Map.of());
		});
		return id;
	}
}
