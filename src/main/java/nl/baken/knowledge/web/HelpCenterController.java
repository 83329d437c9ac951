package nl.baken.knowledge.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.Category;
import nl.baken.knowledge.GuidedFlows;
import nl.baken.knowledge.KnowledgeHit;
import nl.baken.knowledge.KnowledgeSearch;
import nl.baken.knowledge.Visibility;
import nl.baken.knowledge.internal.SelfServiceLog;
import nl.baken.shared.NotFoundException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public help center: no login, readable addresses ({@code /help/nl/bezorging/bezorgkosten}), Dutch and English.
 * Only public articles are shown, as the HTML sanitised when they were saved. Views and "did this help?" answers go to
 * the contact-event log with the visitor's anonymous session id.
 */
@Controller
class HelpCenterController {

	static final String VISITOR_COOKIE = "baken_visitor";

	private static final int SEARCH_HITS = 8;

	private final Articles articles;

	private final KnowledgeSearch search;

	private final SelfServiceLog log;

	private final GuidedFlows flows;

	HelpCenterController(Articles articles, KnowledgeSearch search, SelfServiceLog log, GuidedFlows flows) {
		this.flows = flows;
		this.articles = articles;
		this.search = search;
		this.log = log;
	}

	@GetMapping("/help")
	String help() {
		return "redirect:/help/" + ("en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "nl");
	}

	@GetMapping("/help/{lang}")
	String home(@PathVariable String lang, Model model) {
		language(lang);
		Map<Category, List<Article>> sections = new LinkedHashMap<>();
		List<Article> published = articles.list(lang, null, Visibility.PUBLIC);
		for (Category category : articles.categories()) {
			List<Article> inCategory = published.stream().filter(a -> a.categoryId().equals(category.id())).toList();
			if (!inCategory.isEmpty()) {
				sections.put(category, inCategory);
			}
		}
		model.addAttribute("lang", lang);
		model.addAttribute("sections", sections);
		model.addAttribute("flows", flows.list());
		return "help/home";
	}

	@GetMapping("/help/{lang}/search")
	String search(@PathVariable String lang, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "false") boolean partial, Model model) {
		language(lang);
		String query = q.length() > 200 ? q.substring(0, 200) : q;
		List<KnowledgeHit> hits = search.search(query, Locale.of(lang), SEARCH_HITS);
		model.addAttribute("lang", lang);
		model.addAttribute("q", query);
		model.addAttribute("hits", hits);
		return partial ? "help/search :: results" : "help/search";
	}

	@GetMapping("/help/{lang}/{category}")
	String category(@PathVariable String lang, @PathVariable String category, Model model) {
		language(lang);
		Category found = articles.categories()
			.stream()
			.filter(c -> c.id().equals(category))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Category", category));
		model.addAttribute("lang", lang);
		model.addAttribute("category", found);
		model.addAttribute("articles", articles.list(lang, category, Visibility.PUBLIC));
		return "help/category";
	}

	@GetMapping("/help/{lang}/{category}/{slug}")
	String article(@PathVariable String lang, @PathVariable String category, @PathVariable String slug,
			@RequestParam(required = false) String from, @RequestParam(required = false) String thanks,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		language(lang);
		Article article = articles.published(lang, category, slug)
			.orElseThrow(() -> new NotFoundException("Article", slug));
		if (thanks == null) {
			log.viewed(article.id(), lang, visitor(request, response), "contact".equals(from));
		}
		model.addAttribute("lang", lang);
		model.addAttribute("article", article);
		model.addAttribute("category", articles.categories()
			.stream()
			.filter(c -> c.id().equals(category))
			.findFirst()
			.orElseThrow());
		model.addAttribute("translation", articles.translations(article.id())
			.values()
			.stream()
			.filter(a -> !a.language().equals(lang) && a.visibility() == Visibility.PUBLIC)
			.findFirst()
			.orElse(null));
		model.addAttribute("thanks", thanks != null);
		model.addAttribute("from", "contact".equals(from) ? "contact" : null);
		return "help/article";
	}

	@PostMapping("/help/{lang}/{category}/{slug}/feedback")
	String feedback(@PathVariable String lang, @PathVariable String category, @PathVariable String slug,
			@RequestParam boolean helpful, @RequestParam(required = false) String comment,
			@RequestParam(required = false) String from, HttpServletRequest request, HttpServletResponse response) {
		language(lang);
		Article article = articles.published(lang, category, slug)
			.orElseThrow(() -> new NotFoundException("Article", slug));
		String text = comment == null ? null : comment.length() > 1000 ? comment.substring(0, 1000) : comment;
		log.helpful(article.id(), lang, visitor(request, response), helpful, text,
				"contact".equals(from) ? SelfServiceLog.CONTACT_PAGE : SelfServiceLog.HELP_CENTER);
		return "redirect:/help/" + lang + "/" + category + "/" + slug + "?thanks";
	}

	static void language(String lang) {
		if (!"nl".equals(lang) && !"en".equals(lang)) {
			throw new NotFoundException("Language", lang);
		}
	}

	/** An anonymous id for this browser, so events of one visit can be told apart from another's. */
	static String visitor(HttpServletRequest request, HttpServletResponse response) {
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (VISITOR_COOKIE.equals(cookie.getName()) && cookie.getValue().matches("[0-9a-f-]{36}")) {
					return cookie.getValue();
				}
			}
		}
		String id = UUID.randomUUID().toString();
		Cookie cookie = new Cookie(VISITOR_COOKIE, id);
		cookie.setHttpOnly(true);
		cookie.setPath("/");
		cookie.setAttribute("SameSite", "Lax");
		response.addCookie(cookie);
		return id;
	}
}
