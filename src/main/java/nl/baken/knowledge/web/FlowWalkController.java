package nl.baken.knowledge.web;

import java.util.UUID;

import nl.baken.access.Teams;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.FlowWalk;
import nl.baken.knowledge.GuidedFlow;
import nl.baken.knowledge.GuidedFlows;
import nl.baken.knowledge.Visibility;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Walking through a guided flow, one step per page, each choice a link: publicly in the help center, and for agents
 * in the desk (who also see hand-off teams and internal articles). The page is the same; only the frame differs.
 */
@Controller
class FlowWalkController {

	private final GuidedFlows flows;

	private final Articles articles;

	private final Teams teams;

	FlowWalkController(GuidedFlows flows, Articles articles, Teams teams) {
		this.flows = flows;
		this.articles = articles;
		this.teams = teams;
	}

	@GetMapping("/help/{lang}/flows/{id}")
	String help(@PathVariable String lang, @PathVariable UUID id, @RequestParam(required = false) String at,
			Model model) {
		HelpCenterController.language(lang);
		model.addAttribute("suffix", "");
		return walk(lang, id, at, false, model);
	}

	@GetMapping("/desk/flows")
	String deskList(@RequestParam(required = false) UUID conversation, Model model) {
		model.addAttribute("flows", flows.list());
		model.addAttribute("lang", deskLanguage());
		model.addAttribute("conversation", conversation);
		return "knowledge/flows-pick";
	}

	@GetMapping("/desk/flows/{id}")
	String desk(@PathVariable UUID id, @RequestParam(required = false) String at,
			@RequestParam(required = false) UUID conversation, Model model) {
		model.addAttribute("conversation", conversation);
		model.addAttribute("suffix", conversation == null ? "" : "&conversation=" + conversation);
		return walk(deskLanguage(), id, at, true, model);
	}

	private String walk(String lang, UUID id, String at, boolean desk, Model model) {
		GuidedFlow flow = flows.get(id);
		FlowWalk walk = FlowWalk.of(flow, at);
		Article article = null;
		Article linked = walk.current().articleId() == null ? null
				: articles.find(walk.current().articleId()).orElse(null); // deleted since: the step's text still stands
		if (linked != null) {
			// the answer's article in the reader's language, if it has a translation; the public only sees public ones
			Article shown = linked.language().equals(lang) ? linked
					: articles.translations(linked.id()).getOrDefault(lang, linked);
			article = desk || shown.visibility() == Visibility.PUBLIC ? shown : null;
		}
		String team = walk.current().teamId() == null ? null : teams.all()
			.stream()
			.filter(t -> t.id().equals(walk.current().teamId()))
			.map(t -> "en".equals(lang) ? t.nameEn() : t.nameNl())
			.findFirst()
			.orElse(walk.current().teamId());
		model.addAttribute("lang", lang);
		model.addAttribute("flow", flow);
		model.addAttribute("walk", walk);
		model.addAttribute("article", article);
		model.addAttribute("team", team);
		model.addAttribute("base", desk ? "/desk/flows/" + id : "/help/" + lang + "/flows/" + id);
		return desk ? "knowledge/flow-desk" : "help/flow";
	}

	private static String deskLanguage() {
		return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "nl";
	}
}
