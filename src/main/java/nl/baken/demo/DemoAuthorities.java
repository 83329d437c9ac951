package nl.baken.demo;

import nl.baken.access.Authorities;
import nl.baken.access.AuthorityAction;
import nl.baken.access.Role;
import nl.baken.shared.Actor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo webshop's authorities: agents refund up to €50 and waive fees up to €10, team leads up to €250 and €100,
 * admins without limit; everyone who works conversations may resend an order or change a delivery address. Seeded
 * when no action exists yet, also into a demo database from before authorities existed.
 */
@Component
@Order(1)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoAuthorities implements ApplicationRunner {

	private final Authorities authorities;

	private final TransactionTemplate transactions;

	DemoAuthorities(Authorities authorities, TransactionTemplate transactions) {
		this.authorities = authorities;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!authorities.actions().isEmpty()) {
			return;
		}
		Actor demo = Actor.system("demo");
		transactions.executeWithoutResult(status -> {
			define("refund", "Geld terugbetalen", "Refund", true, demo);
			define("waive-fee", "Kosten kwijtschelden", "Waive a fee", true, demo);
			define("resend-order", "Bestelling opnieuw versturen", "Resend the order", false, demo);
			define("change-address", "Bezorgadres wijzigen", "Change the delivery address", false, demo);
			authorities.grant(Role.AGENT, "refund", 5_000L, demo);
			authorities.grant(Role.TEAM_LEAD, "refund", 25_000L, demo);
			authorities.grant(Role.ADMIN, "refund", null, demo);
			authorities.grant(Role.AGENT, "waive-fee", 1_000L, demo);
			authorities.grant(Role.TEAM_LEAD, "waive-fee", 10_000L, demo);
			authorities.grant(Role.ADMIN, "waive-fee", null, demo);
			for (Role role : new Role[] { Role.AGENT, Role.TEAM_LEAD, Role.ADMIN }) {
				authorities.grant(role, "resend-order", null, demo);
				authorities.grant(role, "change-address", null, demo);
			}
		});
	}

	private void define(String id, String nl, String en, boolean withAmount, Actor by) {
		authorities.define(new AuthorityAction(id, nl, en, DemoShop.INTEGRATION, "/actions/" + id, withAmount), by);
	}
}
