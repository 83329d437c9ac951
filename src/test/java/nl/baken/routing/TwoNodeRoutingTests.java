package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.baken.BakenApplication;
import nl.baken.TestDatabase;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two complete nodes on one PostgreSQL, both running routing passes every 50 ms while contacts arrive on both, agents
 * pick work on both and work ends on both: no contact is assigned twice, no agent goes over capacity, and routing's
 * view agrees with the conversations'. Like {@code TwoNodeTests}, always PostgreSQL and run once.
 */
@Tag("cluster")
class TwoNodeRoutingTests {

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private static JdbcClient database;

	private static final int AGENTS = 12;

	private static final int PER_AGENT = 2;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		var postgres = TestDatabase.postgres();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database routingnodes");
		}
		String url = postgres.getJdbcUrl("postgres", "routingnodes");
		for (int i = 0; i < 2; i++) {
			nodes.add(new SpringApplicationBuilder(BakenApplication.class).run("--server.port=0",
					"--baken.demo.enabled=false", "--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--spring.datasource.hikari.maximum-pool-size=8", "--spring.main.banner-mode=off",
					"--baken.routing.dispatch.interval=PT0.05S"));
		}
		database = JdbcClient.create(postgres.getDatabase("postgres", "routingnodes"));
	}

	@AfterAll
	static void stopNodes() {
		nodes.forEach(ConfigurableApplicationContext::close);
	}

	static <T> T bean(int node, Class<T> type) {
		return nodes.get(node).getBean(type);
	}

	@Test
	void nothingIsAssignedTwiceAndNoAgentGoesOverCapacity() throws Exception {
		List<String> agents = new ArrayList<>();
		for (int i = 0; i < AGENTS; i++) {
			String name = "agent-" + i;
			bean(0, Users.class).create(new NewUser(name, name, "correct horse battery", EnumSet.of(Role.AGENT), null,
					"nl"), Actor.system("test"));
			bean(0, Routing.class).configureAgent(name, new AgentSettings(Map.of(), null, null,
					Map.of("email", PER_AGENT, "phone", 0, "webchat", 0, "whatsapp", 0)), Actor.system("test"));
			agents.add(name);
		}
		bean(0, ContactReasons.class).define(new ContactReason("done", "Klaar", "Done", false, true));
		// half the agents are routed to, the other half pick work themselves: both kinds of claim race
		for (int i = 0; i < AGENTS; i++) {
			bean(i % 2, Routing.class).setPresence(agents.get(i), i % 2 == 0 ? Presence.AVAILABLE : Presence.BUSY,
					Instant.now());
		}
		List<UUID> contacts = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Future<UUID>> arrived = new ArrayList<>();
			for (int i = 0; i < 80; i++) {
				int n = i;
				arrived.add(threads.submit(() -> bean(n % 2, Conversations.class)
					.receive(new InboundMessage("email", "two-node-routing-" + n,
							new IdentityClaim(List.of(Identity.email("customer-" + n + "@example.com")), null, null,
									Instant.now()),
							null, null, null, "Vraag " + n, null, List.of(), Instant.now(), Instant.now()))
					.conversationId()));
			}
			for (Future<UUID> f : arrived) {
				contacts.add(f.get());
			}
			for (int round = 0; round < 3; round++) {
				List<Callable<Object>> work = new ArrayList<>();
				for (int i = 0; i < AGENTS; i++) {
					String agent = agents.get(i);
					for (int node = 0; node < 2; node++) {
						int on = node;
						work.add(() -> bean(on, Routing.class).pickNext(agent));
						work.add(() -> bean(on, Routing.class).dispatch());
					}
				}
				for (Future<Object> f : threads.invokeAll(work)) {
					f.get();
				}
				checkInvariants(contacts);
				// some work ends, on both nodes at once, and the passes fill the room again
				List<Callable<Object>> ends = new ArrayList<>();
				List<Map<String, Object>> assigned = database
					.sql("select conversation_id, agent_id from routing_work where status = 'assigned'")
					.query()
					.listOfRows();
				for (int i = 0; i < assigned.size(); i += 3) {
					UUID conversation = (UUID) assigned.get(i).get("conversation_id");
					String agent = (String) assigned.get(i).get("agent_id");
					int on = i % 2;
					ends.add(() -> bean(on, Conversations.class).resolve(new ConversationId(conversation), "done",
							Actor.agent(agent), Instant.now()));
				}
				for (Future<Object> f : threads.invokeAll(ends)) {
					f.get();
				}
			}
		}
		Thread.sleep(500);
		checkInvariants(contacts);
		assertThat(database.sql("select count(*) from routing_work where status = 'done'").query(Long.class).single())
			.isPositive();
	}

	private void checkInvariants(List<UUID> contacts) {
		// every assignment of a contact is one ASSIGNED event: none was assigned twice
		List<Map<String, Object>> twice = database
			.sql("select conversation_id, count(*) from contact_event where type = 'assigned'"
					+ " group by conversation_id having count(*) > 1")
			.query()
			.listOfRows();
		assertThat(twice).isEmpty();
		// no agent over capacity: open routed work per agent, and the load counter agrees
		for (Map<String, Object> agent : database.sql("select agent_id, load_units from routing_agent").query()
			.listOfRows()) {
			long open = database
				.sql("select count(*) from routing_work where status = 'assigned' and agent_id = ?")
				.param(agent.get("agent_id"))
				.query(Long.class)
				.single();
			assertThat(open).as("%s", agent).isLessThanOrEqualTo(PER_AGENT);
			assertThat(((Number) agent.get("load_units")).intValue()).as("%s", agent)
				.isEqualTo((int) open * 420);
		}
		// routing and the conversations agree on who has what
		for (UUID contact : contacts) {
			var work = database.sql("select status, agent_id from routing_work where conversation_id = ?")
				.param(contact)
				.query()
				.singleRow();
			var conversation = database.sql("select status, assigned_agent from conversation where id = ?")
				.param(contact)
				.query()
				.singleRow();
			if ("assigned".equals(work.get("status"))) {
				assertThat(conversation.get("assigned_agent")).isEqualTo(work.get("agent_id"));
			}
			if ("waiting".equals(work.get("status"))) {
				assertThat(conversation.get("assigned_agent")).isNull();
			}
		}
	}
}
