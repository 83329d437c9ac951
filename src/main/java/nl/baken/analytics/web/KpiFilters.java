package nl.baken.analytics.web;

import java.util.List;

import nl.baken.access.Teams;
import nl.baken.customer.Brands;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The channel, team and brand filters of the KPI pages: only values the pages offer count,
 * anything else in the address means "all".
 */
@Component
class KpiFilters {

	static final List<String> CHANNELS = List.of("email", "whatsapp", "webchat", "phone");

	private final Teams teams;

	private final Brands brands;

	KpiFilters(Teams teams, Brands brands) {
		this.teams = teams;
		this.brands = brands;
	}

	record Chosen(String channel, String teamId, String brandId) {
	}

	/** The known values among these, and the choices for the page's form. */
	Chosen choose(String channel, String teamId, String brandId, Model model) {
		model.addAttribute("channels", CHANNELS);
		model.addAttribute("teams", teams.all());
		model.addAttribute("brands", brands.all());
		return new Chosen(known(channel, CHANNELS), known(teamId, teams.all().stream().map(Teams.Team::id).toList()),
				known(brandId, brands.all().stream().map(Brands.Brand::id).toList()));
	}

	private static String known(String value, List<String> allowed) {
		return value != null && allowed.contains(value) ? value : null;
	}
}
