package nl.baken.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.baken.access.ApiTokens;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.access.Users;
import nl.baken.channel.Outbox;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Brands;
import nl.baken.demo.DemoPlanner.Contact;
import nl.baken.demo.DemoStep.Abandon;
import nl.baken.demo.DemoStep.Answer;
import nl.baken.demo.DemoStep.Assign;
import nl.baken.demo.DemoStep.IvrEvent;
import nl.baken.demo.DemoStep.Note;
import nl.baken.demo.DemoStep.Receive;
import nl.baken.demo.DemoStep.Reply;
import nl.baken.demo.DemoStep.Resolve;
import nl.baken.demo.DemoStep.Transfer;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo organisation into an empty database. Runs before the access module's token bootstrap, which then
 * finds the demo token and generates none. Everything is written in one transaction: a crash leaves no half demo, and
 * when two nodes start on one empty PostgreSQL the second one's brand insert waits for the first and then fails, so the
 * demo exists once.
 */
@Component
@Order(0)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoSeeder implements ApplicationRunner {

	/** Documented in the README, so its curl examples work against a fresh demo. */
	static final String TOKEN = "baken-demo-token";

	/** The password of every demo account; documented in the README, and only the demo has it. */
	static final String PASSWORD = "baken-demo";

	private static final long SEED = 20_260_101L;

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	private final Brands brands;

	private final Teams teams;

	private final ContactReasons reasons;

	private final Conversations conversations;

	private final ContactEvents events;

	private final ApiTokens tokens;

	private final Users users;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Outbox outbox;

	DemoSeeder(Brands brands, Teams teams, ContactReasons reasons, Conversations conversations, ContactEvents events,
			ApiTokens tokens, Users users, TransactionTemplate transactions, Clock clock, Outbox outbox) {
		this.brands = brands;
		this.teams = teams;
		this.reasons = reasons;
		this.conversations = conversations;
		this.events = events;
		this.tokens = tokens;
		this.users = users;
		this.transactions = transactions;
		this.clock = clock;
		this.outbox = outbox;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!databaseIsEmpty()) {
			return;
		}
		long started = System.nanoTime();
		try {
			Seeded seeded = transactions.execute(status -> seed());
			log.info("Seeded the demo organisation in {} ms: {} conversations of {} customers. API token: {}",
					(System.nanoTime() - started) / 1_000_000, seeded.conversations(), seeded.customers(), TOKEN);
		}
		catch (DuplicateKeyException e) {
			log.info("Another node seeded the demo organisation at the same time; this one leaves it at that.");
		}
	}

	/** Any brand, team, reason or conversation means someone uses this database: the demo stays out of it. */
	private boolean databaseIsEmpty() {
		return brands.all().isEmpty() && teams.all().isEmpty() && reasons.all().isEmpty()
				&& conversations.list(null, null, null, null, 1).isEmpty();
	}

	private record Seeded(int conversations, int customers) {
	}

	private Seeded seed() {
		DemoOrganisation.BRANDS.forEach(brand -> brands.define(brand.id(), brand.name()));
		DemoOrganisation.TEAMS.forEach(team -> teams.define(team.id(), team.nameNl(), team.nameEn()));
		DemoOrganisation.REASONS.forEach(reason -> reasons.define(new ContactReason(reason.id(), reason.nameNl(),
				reason.nameEn(), reason.informational(), reason.satisfier())));
		if (tokens.authenticate(TOKEN).isEmpty()) {
			tokens.register("demo", EnumSet.allOf(Scope.class), TOKEN, Actor.system("demo"));
		}
		seedUsers();
		List<Contact> plan = new DemoPlanner(SEED, clock.instant()).plan();
		Map<Integer, InboundReceipt> opened = play(plan);
		Set<UUID> customers = new HashSet<>();
		opened.values().forEach(receipt -> customers.add(receipt.customerId()));
		return new Seeded(opened.size(), customers.size());
	}

	/**
	 * Every demo agent can log in with the documented demo password; the first agent of each team is also its team
	 * lead, and {@code admin} administers. Only the demo has a known password.
	 */
	private void seedUsers() {
		Actor demo = Actor.system("demo");
		if (users.find("admin").isEmpty()) {
			users.create(new NewUser("admin", "Demo beheerder", PASSWORD, EnumSet.of(Role.ADMIN), null, "nl"), demo);
		}
		Set<String> teamsWithLead = new HashSet<>();
		for (DemoOrganisation.Agent agent : DemoOrganisation.AGENTS) {
			Set<Role> roles = teamsWithLead.add(agent.team()) ? EnumSet.of(Role.AGENT, Role.TEAM_LEAD)
					: EnumSet.of(Role.AGENT);
			users.create(new NewUser(agent.id(), agent.firstName(), PASSWORD, roles, agent.team(),
					agent.id().equals("priya.ramdin") ? "en" : "nl"), demo);
		}
	}

	private record Scheduled(DemoStep step, int contact, int index) {
	}

	/**
	 * Plays all steps of all contacts in the order they happened, so the event log's write order follows time as it
	 * would have in production, and a customer's new message finds exactly the conversations open at that moment.
	 */
	private Map<Integer, InboundReceipt> play(List<Contact> plan) {
		List<Scheduled> schedule = new ArrayList<>();
		for (Contact contact : plan) {
			for (int i = 0; i < contact.steps().size(); i++) {
				schedule.add(new Scheduled(contact.steps().get(i), contact.id(), i));
			}
		}
		schedule.sort(Comparator.comparing((Scheduled s) -> s.step().at())
			.thenComparingInt(Scheduled::contact)
			.thenComparingInt(Scheduled::index));
		Map<Integer, InboundReceipt> opened = new HashMap<>();
		Set<UUID> conversationIds = new HashSet<>();
		for (Scheduled scheduled : schedule) {
			InboundReceipt receipt = opened.get(scheduled.contact());
			ConversationId id = receipt == null ? null : new ConversationId(receipt.conversationId());
			switch (scheduled.step()) {
				case Receive r -> opened.put(scheduled.contact(), receive(r, receipt, conversationIds));
				case Assign a -> conversations.assign(id, a.agent(), a.team(), Actor.agent(a.agent()), a.at());
				case Answer a -> conversations.answer(id, a.agent(), a.at());
				// the demo's past reached its customers long ago: nothing of it goes out now
				case Reply r -> outbox.alreadySent(conversations.reply(id, r.agent(), r.text(), null, r.at()).id(),
						r.at());
				case Note n -> conversations.addNote(id, n.agent(), n.text(), n.at());
				case Transfer t -> conversations.transfer(id, t.toTeam(), null, t.reason(), Actor.agent(t.agent()),
						t.at());
				case Resolve r -> conversations.resolve(id, r.reasonId(), Actor.agent(r.agent()), r.at());
				case Abandon a -> conversations.abandon(id, Actor.customer(receipt.customerId().toString()), a.at());
			}
		}
		return opened;
	}

	private InboundReceipt receive(Receive step, InboundReceipt earlier, Set<UUID> conversationIds) {
		InboundReceipt receipt = conversations.receive(step.message());
		boolean asPlanned = earlier == null ? conversationIds.add(receipt.conversationId())
				: earlier.conversationId().equals(receipt.conversationId());
		if (!asPlanned) {
			throw new IllegalStateException("The demo plan let two conversations of one customer overlap on "
					+ step.message().channel() + " at " + step.at());
		}
		for (IvrEvent ivr : step.ivr()) {
			Actor actor = ivr.byCaller() ? Actor.customer(receipt.customerId().toString()) : Actor.system("telephony");
			events.append(ivr.at(), receipt.conversationId(), receipt.customerId(), step.message().channel(),
					ivr.type(), actor, step.message().brandId(), null, null, ivr.attributes());
		}
		return earlier == null ? receipt : earlier;
	}
}
