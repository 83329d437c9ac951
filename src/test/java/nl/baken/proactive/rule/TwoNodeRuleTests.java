package nl.baken.proactive.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import nl.baken.BakenApplication;
import nl.baken.TestDatabase;
import nl.baken.access.IntegrationPeer;
import nl.baken.access.Integrations;
import nl.baken.access.Teams;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent;
import nl.baken.proactive.BusinessEventReceived;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two complete nodes on one PostgreSQL, both sweeping every 100 ms: readings of the same device arrive at both nodes
 * at the same moment and parcels' waits run out while both sweep, yet every device and every parcel fires once and
 * the integration is called once for each. Like {@code TwoNodeTests}, always PostgreSQL and run once.
 */
@Tag("cluster")
class TwoNodeRuleTests {

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private static JdbcClient database;

	private static IntegrationPeer peer;

	private static final int DEVICES = 16;

	private static final int PARCELS = 16;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		var postgres = TestDatabase.postgres();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database rulenodes");
		}
		String url = postgres.getJdbcUrl("postgres", "rulenodes");
		peer = new IntegrationPeer("two-node-rules");
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext node = new SpringApplicationBuilder(BakenApplication.class).run(
					"--server.port=0", "--baken.demo.enabled=false", "--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--spring.datasource.hikari.maximum-pool-size=8", "--spring.main.banner-mode=off",
					"--baken.rules.sweep.interval=PT0.1S");
			peer.registerWith(node.getBean(Integrations.class), "nodes-shop");
			nodes.add(node);
		}
		database = JdbcClient.create(postgres.getDatabase("postgres", "rulenodes"));
	}

	@AfterAll
	static void stopNodes() {
		nodes.forEach(ConfigurableApplicationContext::close);
		peer.close();
	}

	static <T> T bean(int node, Class<T> type) {
		return nodes.get(node).getBean(type);
	}

	/** As the intake of that node does it: in the transaction that stored the event. */
	static void receive(int node, BusinessEvent event, CustomerId customer) {
		bean(node, TransactionTemplate.class).executeWithoutResult(s -> nodes.get(node)
			.publishEvent(new BusinessEventReceived(UUID.randomUUID(), event, customer, Instant.now())));
	}

	@Test
	void everyDeviceAndEveryParcelFiresOnceWhateverNodeSawIt() throws Exception {
		Actor test = Actor.system("test");
		bean(0, TransactionTemplate.class).executeWithoutResult(s -> bean(0, Teams.class).define("engineers",
				"Monteurs", "Engineers"));
		CustomerId owner = bean(0, TransactionTemplate.class).execute(s -> bean(0, Customers.class).resolve(
				new IdentityClaim(List.of(Identity.email("twee-nodes@example.nl")), null, null, Instant.now())));
		UUID heat = bean(0, PreventiveRules.class).create(new RuleDefinition("Te heet", true, "device.telemetry",
				Map.of("metric", "temperature"), "device",
				new RuleDefinition.Condition("threshold", "value", "above", 80.0, "10m", null, null),
				new RuleDefinition.Actions(new RuleDefinition.IntegrationCall("nodes-shop", "/actions/replace-device"),
						null, new RuleDefinition.Task("engineers"))), test).id();
		UUID lost = bean(1, PreventiveRules.class).create(new RuleDefinition("Pakket kwijt", true, "parcel.scanned",
				Map.of(), "parcel", new RuleDefinition.Condition("absence", null, null, null, "48h", "parcel.scanned",
						null),
				new RuleDefinition.Actions(new RuleDefinition.IntegrationCall("nodes-shop", "/actions/trace-parcel"),
						null, null)), test).id();
		// long past: every parcel's wait has run out already, so both nodes' sweeps race for each of them
		Instant t0 = Instant.parse("2026-11-01T08:00:00Z");
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Callable<Object>> work = new ArrayList<>();
			for (int d = 0; d < DEVICES; d++) {
				String device = "hp-" + d;
				work.add(() -> {
					// each reading twice, once at each node at the same moment: both see the run reach ten minutes
					for (int m = 0; m <= 14; m++) {
						BusinessEvent a = reading(device, t0.plusSeconds(m * 60L));
						BusinessEvent b = reading(device, t0.plusSeconds(m * 60L));
						Thread first = Thread.ofVirtual().start(() -> receive(0, a, owner));
						receive(1, b, owner);
						first.join();
					}
					return null;
				});
			}
			for (int p = 0; p < PARCELS; p++) {
				String parcel = "PK-" + p;
				int node = p % 2;
				work.add(() -> {
					receive(node, scan(parcel, t0), owner);
					return null;
				});
			}
			for (Future<Object> f : threads.invokeAll(work)) {
				f.get();
			}
			// and sweeps called on both nodes at once, besides the scheduled ones
			List<Callable<Object>> sweeps = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				int node = i % 2;
				sweeps.add(() -> bean(node, PreventiveRules.class).sweep());
			}
			for (Future<Object> f : threads.invokeAll(sweeps)) {
				f.get();
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> database.sql("select count(*) from preventive_rule_firing where action_state = 'done'")
				.query(Long.class)
				.single() == DEVICES + PARCELS);
		Thread.sleep(500); // room for a second firing or call, if there were one

		assertThat(keys(heat)).hasSize(DEVICES).doesNotHaveDuplicates();
		assertThat(keys(lost)).hasSize(PARCELS).doesNotHaveDuplicates();
		assertThat(peer.calls).hasSize(DEVICES + PARCELS);
		assertThat(peer.calls).extracting(IntegrationPeer.Call::idempotencyKey).doesNotHaveDuplicates();
		assertThat(peer.calls).allSatisfy(call -> assertThat(call.signatureValid()).isTrue());
		assertThat(database.sql("select count(*) from conversation where channel = 'task'").query(Long.class).single())
			.isEqualTo(DEVICES);
	}

	private static List<String> keys(UUID rule) {
		return database.sql("select rule_key from preventive_rule_firing where rule_id = ?")
			.param(rule)
			.query(String.class)
			.list();
	}

	static BusinessEvent reading(String device, Instant at) {
		return new BusinessEvent(UUID.randomUUID().toString(), "device.telemetry", at,
				new BusinessEvent.EventSubject(null, null, null, null, null, device, null, null),
				Map.of("metric", "temperature", "value", 90.0));
	}

	static BusinessEvent scan(String parcel, Instant at) {
		return new BusinessEvent(UUID.randomUUID().toString(), "parcel.scanned", at,
				new BusinessEvent.EventSubject(null, null, null, null, parcel, null, null, null), Map.of());
	}
}
