package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Teams;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Walking a guided flow step by step: in the public help center, and by an agent from the desk. */
class FlowWalkTests extends ApiTestSupport {

	@Autowired
	GuidedFlows flows;

	@Autowired
	Teams teams;

	@Autowired
	Users users;

	GuidedFlow flow;

	@BeforeEach
	void flow() {
		String team = "w" + UUID.randomUUID().toString().substring(0, 8);
		teams.define(team, "Bezorgteam", "Delivery team");
		flow = flows.create(new FlowDraft("Pakket <script>alert(1)</script>", "Parcel <b>missing</b>", "where", List.of(
				new FlowStep("where", StepKind.QUESTION, "Wat zegt de track-and-trace?", "What does tracking say?",
						List.of(new FlowOption("Bezorgd", "Delivered", "neighbours"),
								new FlowOption("Onderweg", "On its way", "wait")), null, null),
				new FlowStep("wait", StepKind.ANSWER, "Wacht nog een dag.", "Wait one more day.", List.of(), null, null),
				new FlowStep("neighbours", StepKind.QUESTION, "Buren gevraagd?", "Asked the neighbours?",
						List.of(new FlowOption("Ja", "Yes", "team")), null, null),
				new FlowStep("team", StepKind.HANDOFF, "We zoeken het uit.", "We will look into it.", List.of(), null,
						team))), Actor.system("test"));
	}

	String page(String uri) throws Exception {
		MvcTestResult result = mvc.get().uri(uri).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	@Test
	void aCustomerWalksTheFlowInTheHelpCenterAndCanGoBack() throws Exception {
		String base = "/help/en/flows/" + flow.id();
		String start = page(base);
		assertThat(start).contains("What does tracking say?").contains("at=where.neighbours").contains("at=where.wait");
		assertThat(start).doesNotContain("flow-back");
		// titles are the editor's text, shown escaped
		assertThat(start).contains("Parcel &lt;b&gt;missing&lt;/b&gt;").doesNotContain("<b>missing");

		String second = page(base + "?at=where.neighbours");
		assertThat(second).contains("Asked the neighbours?").contains("Delivered").contains("at=where\"");
		String end = page(base + "?at=where.neighbours.team");
		assertThat(end).contains("We will look into it.").contains("Delivery team").contains("at=where.neighbours\"");

		String dutch = page("/help/nl/flows/" + flow.id() + "?at=where.wait");
		assertThat(dutch).contains("Wacht nog een dag.").contains("Pakket &lt;script&gt;").doesNotContain("<script>alert");

		assertThat(page("/help/nl")).contains("/help/nl/flows/" + flow.id());
	}

	@Test
	void anAddressThatSkipsOrInventsStepsIsNotFound() {
		String base = "/help/en/flows/" + flow.id();
		for (String at : List.of("where.team", "neighbours", "where.nowhere", "where..wait", "wait")) {
			assertThat(mvc.get().uri(base + "?at=" + at).exchange()).as(at).hasStatus(HttpStatus.NOT_FOUND);
		}
		assertThat(mvc.get().uri("/help/en/flows/" + UUID.randomUUID()).exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/help/de/flows/" + flow.id()).exchange()).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void anAgentOpensAFlowFromTheDesk() throws Exception {
		String agent = "fagent-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Agent", "flow-walk-wachtwoord", EnumSet.of(Role.AGENT), null, "en"),
				Actor.system("test"));
		UUID conversation = UUID.randomUUID();
		MvcTestResult list = mvc.get().uri("/desk/flows?conversation=" + conversation).with(user(agent)).exchange();
		assertThat(list).hasStatusOk();
		assertThat(list.getResponse().getContentAsString()).contains("/desk/flows/" + flow.id())
			.contains("/desk/conversations/" + conversation);
		MvcTestResult step = mvc.get()
			.uri("/desk/flows/" + flow.id() + "?at=where.neighbours&conversation=" + conversation)
			.with(user(agent))
			.exchange();
		assertThat(step).hasStatusOk();
		assertThat(step.getResponse().getContentAsString()).contains("at=where.neighbours.team")
			.contains("/desk/conversations/" + conversation);
		// not for visitors without a login
		assertThat(mvc.get().uri("/desk/flows/" + flow.id()).exchange().getResponse().getStatus()).isIn(302, 401);
	}
}
