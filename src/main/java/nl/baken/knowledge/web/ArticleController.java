package nl.baken.knowledge.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.ArticleDraft;
import nl.baken.knowledge.ArticleVersion;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.Category;
import nl.baken.knowledge.ContactTopic;
import nl.baken.knowledge.ContactTopics;
import nl.baken.knowledge.DiffLine;
import nl.baken.knowledge.KnowledgeHit;
import nl.baken.knowledge.KnowledgeSearch;
import nl.baken.knowledge.StaleArticle;
import nl.baken.knowledge.SynonymSet;
import nl.baken.knowledge.Synonyms;
import nl.baken.knowledge.Visibility;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1")
class ArticleController {

	private final Articles articles;

	private final KnowledgeSearch search;

	private final Synonyms synonyms;

	private final ContactTopics topics;

	ArticleController(Articles articles, KnowledgeSearch search, Synonyms synonyms, ContactTopics topics) {
		this.topics = topics;
		this.articles = articles;
		this.search = search;
		this.synonyms = synonyms;
	}

	@GetMapping("/articles")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<Article> list(@RequestParam(required = false) String language,
			@RequestParam(required = false) String categoryId, @RequestParam(required = false) String visibility) {
		return articles.list(language, categoryId, visibility == null ? null : Visibility.fromCode(visibility));
	}

	@PostMapping("/articles")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	Article create(@Valid @RequestBody ArticleRequest request) {
		return articles.create(request.draft(), caller(request.editor()));
	}

	@GetMapping("/articles/{id}")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	ArticleDetail article(@PathVariable UUID id) {
		Article article = articles.get(id);
		Map<String, UUID> translations = new java.util.TreeMap<>();
		articles.translations(id).forEach((language, a) -> translations.put(language, a.id()));
		return new ArticleDetail(article, translations);
	}

	@PutMapping("/articles/{id}")
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	Article update(@PathVariable UUID id, @Valid @RequestBody ArticleRequest request) {
		if (request.translationOf() != null) {
			throw new InvalidInputException("translationOf", "translations are linked when an article is created");
		}
		return articles.update(id, request.draft(), request.baseVersion(), caller(request.editor()));
	}

	@GetMapping("/articles/{id}/versions")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<ArticleVersion> versions(@PathVariable UUID id) {
		return articles.versions(id);
	}

	@GetMapping("/articles/{id}/versions/{version}")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	ArticleVersion version(@PathVariable UUID id, @PathVariable int version) {
		return articles.version(id, version);
	}

	@GetMapping("/articles/{id}/diff")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<DiffLine> diff(@PathVariable UUID id, @RequestParam int from, @RequestParam int to) {
		return articles.diff(id, from, to);
	}

	@PostMapping("/articles/{id}/versions/{version}/restore")
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	Article restore(@PathVariable UUID id, @PathVariable int version,
			@Valid @RequestBody(required = false) Editor request) {
		return articles.restore(id, version, caller(request == null ? null : request.editor()));
	}

	@GetMapping("/articles/stale")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<StaleArticle> stale() {
		return articles.stale();
	}

	/** Internal articles are included: API clients are agents' tools and integrations, not anonymous readers. */
	@GetMapping("/articles/search")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<KnowledgeHit> search(@RequestParam @NotBlank @Size(max = 500) String q,
			@RequestParam(defaultValue = "nl") String language,
			@RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit,
			@RequestParam(defaultValue = "false") boolean internal) {
		Locale locale = Locale.of(language);
		return internal ? search.searchForAgents(q, locale, limit) : search.search(q, locale, limit);
	}

	@GetMapping("/knowledge/categories")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<Category> categories() {
		return articles.categories();
	}

	@PutMapping("/knowledge/categories/{id}")
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	Category defineCategory(@PathVariable String id, @Valid @RequestBody CategoryRequest request) {
		return articles.defineCategory(new Category(id, request.nameNl(), request.nameEn(), request.position()));
	}

	@GetMapping("/knowledge/synonyms")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<SynonymSet> synonyms() {
		return synonyms.all();
	}

	@PostMapping("/knowledge/synonyms")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	SynonymSet addSynonyms(@Valid @RequestBody SynonymRequest request) {
		return synonyms.add(request.language(), request.terms());
	}

	@PutMapping("/knowledge/synonyms/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	void replaceSynonyms(@PathVariable UUID id, @Valid @RequestBody SynonymRequest request) {
		synonyms.replace(id, request.terms());
	}

	@DeleteMapping("/knowledge/synonyms/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	void deleteSynonyms(@PathVariable UUID id) {
		synonyms.delete(id);
	}

	@GetMapping("/knowledge/contact-topics")
	@RequiresScope(Scope.KNOWLEDGE_READ)
	List<ContactTopic> contactTopics() {
		return topics.all();
	}

	@PutMapping("/knowledge/contact-topics/{id}")
	@RequiresScope(Scope.KNOWLEDGE_WRITE)
	ContactTopic defineContactTopic(@PathVariable String id, @Valid @RequestBody TopicRequest request) {
		return topics.define(new ContactTopic(id, request.nameNl(), request.nameEn(), request.teamId(),
				request.email(), request.phone(), request.whatsapp(), request.hoursNl(), request.hoursEn(),
				request.position()));
	}

	/** An editor acting through an integration is recorded as that person; otherwise the integration itself. */
	private static Actor caller(String editor) {
		return editor == null ? ApiClient.current().actor() : Actor.agent(editor);
	}

	record ArticleDetail(Article article, Map<String, UUID> translations) {
	}

	record ArticleRequest(@Size(max = 2) String language, @Size(max = 120) String slug,
			@NotBlank @Size(max = 60) String categoryId, @NotBlank @Size(max = 200) String title,
			@NotBlank @Size(max = 100_000) String bodyMarkdown, @NotBlank String shortAnswer,
			@NotNull Visibility visibility, @NotBlank @Size(max = 200) String owner, LocalDate reviewBy,
			@Size(max = 20) List<@NotBlank @Size(max = 40) String> tags,
			@Size(max = 50) List<@NotBlank @Size(max = 300) String> exampleQuestions,
			@Size(max = 20) List<@NotBlank @Size(max = 60) String> contactReasons, UUID translationOf,
			Integer baseVersion, @Size(max = 200) String editor) {

		ArticleDraft draft() {
			return new ArticleDraft(language, slug, categoryId, title, bodyMarkdown, shortAnswer, visibility, owner,
					reviewBy, tags, exampleQuestions, contactReasons, translationOf);
		}
	}

	record TopicRequest(@NotBlank @Size(max = 200) String nameNl, @NotBlank @Size(max = 200) String nameEn,
			@Size(max = 40) String teamId, @Size(max = 200) String email, @Size(max = 40) String phone,
			@Size(max = 40) String whatsapp, @NotBlank @Size(max = 300) String hoursNl,
			@NotBlank @Size(max = 300) String hoursEn, int position) {
	}

	record Editor(@Size(max = 200) String editor) {
	}

	record CategoryRequest(@NotBlank @Size(max = 200) String nameNl, @NotBlank @Size(max = 200) String nameEn,
			int position) {
	}

	record SynonymRequest(@Size(max = 2) String language, @NotNull @Size(max = 20) List<@NotBlank String> terms) {
	}
}
