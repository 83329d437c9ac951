package nl.baken.knowledge.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.baken.access.Role;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.ArticleDraft;
import nl.baken.knowledge.ArticleImport;
import nl.baken.knowledge.ArticleVersion;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.Category;
import nl.baken.knowledge.Synonyms;
import nl.baken.knowledge.Visibility;
import nl.baken.knowledge.internal.MarkdownRenderer;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.RuleViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge editors' pages in the desk: articles with a preview, their versions with diff and restore, the
 * articles that need attention, and the synonym list. Only knowledge editors and admins get in; everyone else is
 * refused (403) before anything is read.
 */
@Controller
class KnowledgeEditorController {

	private final Articles articles;

	private final Synonyms synonyms;

	private final Users users;

	private final ArticleImport importer;

	KnowledgeEditorController(Articles articles, Synonyms synonyms, Users users, ArticleImport importer) {
		this.articles = articles;
		this.synonyms = synonyms;
		this.users = users;
		this.importer = importer;
	}

	/** Runs before every handler of this controller. */
	@ModelAttribute
	void editorsOnly(Principal principal) {
		requireEditor(users, principal);
	}

	/** Knowledge editors and admins; everyone else is refused before anything is read. */
	static void requireEditor(Users users, Principal principal) {
		UserView user = principal == null ? null : users.find(principal.getName()).orElse(null);
		if (user == null || !(user.roles().contains(Role.KNOWLEDGE_EDITOR) || user.roles().contains(Role.ADMIN))) {
			throw new AccessDeniedException("knowledge editors only");
		}
	}

	@GetMapping("/desk/knowledge")
	String list(@RequestParam(required = false) String language, Model model) {
		String lang = language != null && language.matches("nl|en") ? language : null;
		model.addAttribute("articles", articles.list(lang, null, null));
		model.addAttribute("categories", articles.categories()
			.stream()
			.collect(Collectors.toMap(Category::id, category -> category)));
		model.addAttribute("language", lang);
		model.addAttribute("stale", articles.stale().size());
		return "knowledge/list";
	}

	/**
	 * Markdown and CSV files uploaded from the editor's computer, as the {@code import-articles} command reads them;
	 * all or nothing, and the refusal names the file and row.
	 */
	@PostMapping("/desk/knowledge/import")
	String importFiles(@RequestParam("files") List<MultipartFile> files, Principal editor,
			RedirectAttributes redirect) throws IOException {
		List<ArticleImport.Source> sources = new ArrayList<>();
		for (MultipartFile file : files) {
			String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
			if (file.isEmpty()) {
				continue;
			}
			if (!name.endsWith(".md") && !name.endsWith(".csv")) {
				redirect.addFlashAttribute("importRefused", name + ": only .md and .csv files");
				return "redirect:/desk/knowledge";
			}
			sources.add(new ArticleImport.Source(name, new String(file.getBytes(), StandardCharsets.UTF_8)));
		}
		if (sources.isEmpty()) {
			redirect.addFlashAttribute("importRefused", "—");
			return "redirect:/desk/knowledge";
		}
		try {
			ArticleImport.Outcome outcome = importer.importSources(null, sources, Actor.agent(editor.getName()));
			// the session is stored in the database, so flash attributes are plain serialisable values
			redirect.addFlashAttribute("imported", List.of(outcome.created(), outcome.updated(), outcome.unchanged()));
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("importRefused", e.getMessage());
		}
		return "redirect:/desk/knowledge";
	}

	@GetMapping("/desk/knowledge/stale")
	String stale(Model model) {
		model.addAttribute("stale", articles.stale());
		return "knowledge/stale";
	}

	/** A new article; {@code title} and {@code exampleQuestions} prefill it, as the knowledge-gap page links it. */
	@GetMapping("/desk/knowledge/articles/new")
	String create(@RequestParam(required = false) UUID translationOf, @RequestParam(required = false) String title,
			@RequestParam(required = false) String exampleQuestions, Model model) {
		Article source = translationOf == null ? null : articles.get(translationOf);
		Form form = new Form(null, source == null ? "nl" : "en".equals(source.language()) ? "nl" : "en", "",
				source == null ? "" : source.categoryId(), prefill(title, 200), "", "", Visibility.DRAFT.code(),
				source == null ? "" : source.owner(), "", "", prefill(exampleQuestions, 2000), "", translationOf, null);
		return edit(form, null, null, model);
	}

	private static String prefill(String value, int max) {
		return value == null ? "" : value.length() > max ? value.substring(0, max) : value;
	}

	@GetMapping("/desk/knowledge/articles/{id}")
	String article(@PathVariable UUID id, @RequestParam(required = false) String saved, Model model) {
		Article a = articles.get(id);
		Form form = new Form(a.id(), a.language(), a.slug(), a.categoryId(), a.title(), a.bodyMarkdown(),
				a.shortAnswer(), a.visibility().code(), a.owner(), a.reviewBy() == null ? "" : a.reviewBy().toString(),
				String.join(", ", a.tags()), String.join("\n", a.exampleQuestions()), String.join(", ", a.contactReasons()),
				null, a.version());
		model.addAttribute("saved", saved != null);
		model.addAttribute("comments", articles.comments(id, 20));
		return edit(form, a.bodyHtml(), null, model);
	}

	@PostMapping("/desk/knowledge/articles")
	String save(Form form, @RequestParam(defaultValue = "save") String action, Principal editor, Model model) {
		if ("preview".equals(action)) {
			return edit(form, MarkdownRenderer.toSafeHtml(form.bodyMarkdown()), null, model);
		}
		try {
			ArticleDraft draft = form.draft();
			Article saved = form.id() == null ? articles.create(draft, Actor.agent(editor.getName()))
					: articles.update(form.id(), draft, form.baseVersion(), Actor.agent(editor.getName()));
			return "redirect:/desk/knowledge/articles/" + saved.id() + "?saved";
		}
		catch (InvalidInputException e) {
			return edit(form, MarkdownRenderer.toSafeHtml(form.bodyMarkdown()), new Refusal("knowledge.error.invalid",
					e.field()), model);
		}
		catch (RuleViolationException e) {
			return edit(form, MarkdownRenderer.toSafeHtml(form.bodyMarkdown()), new Refusal("knowledge.error.conflict",
					null), model);
		}
	}

	@GetMapping("/desk/knowledge/articles/{id}/versions")
	String versions(@PathVariable UUID id, @RequestParam(required = false) Integer from,
			@RequestParam(required = false) Integer to, Model model) {
		Article a = articles.get(id);
		List<ArticleVersion> versions = articles.versions(id);
		int newer = to == null ? a.version() : to;
		int older = from == null ? Math.max(1, newer - 1) : from;
		model.addAttribute("article", a);
		model.addAttribute("versions", versions);
		model.addAttribute("from", older);
		model.addAttribute("to", newer);
		model.addAttribute("diff", older == newer ? List.of() : articles.diff(id, older, newer));
		return "knowledge/versions";
	}

	@PostMapping("/desk/knowledge/articles/{id}/versions/{version}/restore")
	String restore(@PathVariable UUID id, @PathVariable int version, Principal editor) {
		articles.restore(id, version, Actor.agent(editor.getName()));
		return "redirect:/desk/knowledge/articles/" + id + "?saved";
	}

	@GetMapping("/desk/knowledge/synonyms")
	String synonyms(@RequestParam(required = false) String error, Model model) {
		model.addAttribute("synonyms", synonyms.all());
		model.addAttribute("error", "knowledge.error.synonyms".equals(error) ? error : null);
		return "knowledge/synonyms";
	}

	@PostMapping("/desk/knowledge/synonyms")
	String addSynonyms(@RequestParam String language, @RequestParam String terms) {
		try {
			synonyms.add(language, Arrays.stream(terms.split(",")).toList());
			return "redirect:/desk/knowledge/synonyms";
		}
		catch (InvalidInputException e) {
			return "redirect:/desk/knowledge/synonyms?error=knowledge.error.synonyms";
		}
	}

	@PostMapping("/desk/knowledge/synonyms/{id}/delete")
	String deleteSynonyms(@PathVariable UUID id) {
		synonyms.delete(id);
		return "redirect:/desk/knowledge/synonyms";
	}

	private String edit(Form form, String preview, Refusal refusal, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("preview", preview);
		model.addAttribute("refusal", refusal);
		model.addAttribute("categories", articles.categories());
		model.addAttribute("visibilities", Visibility.values());
		model.addAttribute("translations", form.id() == null ? List.of()
				: articles.translations(form.id()).values().stream().filter(t -> !t.id().equals(form.id())).toList());
		return "knowledge/edit";
	}

	/** Why a save was refused: a message key and, for bad input, the field it concerns. */
	record Refusal(String key, String field) {
	}

	/** The edit form as posted: lists are comma-separated (questions one a line), dates ISO. */
	record Form(UUID id, String language, String slug, String categoryId, String title, String bodyMarkdown,
			String shortAnswer, String visibility, String owner, String reviewBy, String tags,
			String exampleQuestions, String contactReasons, UUID translationOf, Integer baseVersion) {

		ArticleDraft draft() {
			LocalDate review;
			try {
				review = reviewBy == null || reviewBy.isBlank() ? null : LocalDate.parse(reviewBy.strip());
			}
			catch (DateTimeParseException e) {
				throw new InvalidInputException("reviewBy", "not a date");
			}
			return new ArticleDraft(language, slug, categoryId, title, bodyMarkdown, shortAnswer,
					Visibility.fromCode(visibility), owner, review, split(tags, ","),
					split(exampleQuestions, "\n"), split(contactReasons, ","), translationOf);
		}

		private static List<String> split(String text, String separator) {
			return text == null ? List.of()
					: Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
		}
	}
}
