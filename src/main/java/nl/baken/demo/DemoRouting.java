package nl.baken.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.baken.access.Users;
import nl.baken.routing.AgentSettings;
import nl.baken.routing.RequirementProfile;
import nl.baken.routing.Routing;
import nl.baken.routing.Skill;
import nl.baken.shared.Actor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routing for the demo organisation, once, when no skill exists yet: a skill per team, each agent at level 4 in
 * their own team's skill and level 2 in the next team's (cross-trained), every other agent also speaking English, and
 * the requirements of each team's queue and each contact reason. Agents start offline: they switch to available in
 * the desk header, and routing starts assigning.
 */
@Component
@Order(5)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoRouting implements ApplicationRunner {

	private final Routing routing;

	private final Users users;

	private final TransactionTemplate transactions;

	DemoRouting(Routing routing, Users users, TransactionTemplate transactions) {
		this.routing = routing;
		this.users = users;
		this.transactions = transactions;
	}

	// One transaction: "a skill exists" marks the work done, so a first start stopped halfway must leave nothing.
	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> configure());
	}

	private void configure() {
		if (!routing.skills().isEmpty() || users.find(DemoOrganisation.AGENTS.getFirst().id()).isEmpty()) {
			return;
		}
		Actor demo = Actor.system("demo");
		List<DemoOrganisation.Team> teams = DemoOrganisation.TEAMS;
		for (DemoOrganisation.Team team : teams) {
			routing.defineSkill(new Skill(team.id(), team.nameNl(), team.nameEn()), demo);
			routing.defineProfile(new RequirementProfile("queue", team.id(), null, 0, Map.of(team.id(), 2)), demo);
		}
		for (DemoOrganisation.Reason reason : DemoOrganisation.REASONS) {
			routing.defineProfile(new RequirementProfile("reason", reason.id(), reason.team(),
					reason.team().equals("relations") ? 2 : 0, Map.of(reason.team(), 2)), demo);
		}
		int i = 0;
		for (DemoOrganisation.Agent agent : DemoOrganisation.AGENTS) {
			int own = teams.indexOf(DemoOrganisation.team(agent.team()));
			Map<String, Integer> skills = new HashMap<>();
			skills.put(agent.team(), 4);
			skills.put(teams.get((own + 1) % teams.size()).id(), 2);
			routing.configureAgent(agent.id(), new AgentSettings(skills,
					i++ % 2 == 0 ? Set.of("nl", "en") : Set.of("nl"), Set.of(), Map.of()), demo);
		}
	}
}
