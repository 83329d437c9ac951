package nl.baken.knowledge;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import nl.baken.access.Teams;
import nl.baken.knowledge.internal.ArticleStore;
import nl.baken.knowledge.internal.MarkdownRenderer;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Articles and their history. Every save is a new version (kept forever, so any earlier state can be compared and
 * restored); a save names the version it started from, so an editor cannot silently overwrite someone else's change.
 */
@Service
public class Articles {

	/** Chat and WhatsApp answers: a simple question deserves a short answer. */
	public static final int SHORT_ANSWER_MAX = 500;

	/** Over this many "did not help" answers in {@link #FEEDBACK_WINDOW}, outnumbering the positive ones: stale. */
	static final int NEGATIVE_FEEDBACK_THRESHOLD = 3;

	static final Duration FEEDBACK_WINDOW = Duration.ofDays(90);

	private final ArticleStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Articles(ArticleStore store, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	public Optional<Article> find(UUID id) {
		return store.find(id);
	}

	public Article get(UUID id) {
		return store.find(id).orElseThrow(() -> new NotFoundException("Article", id));
	}

	/** A public article by its readable address; drafts and internal articles are not found. */
	public Optional<Article> published(String language, String categoryId, String slug) {
		return store.bySlug(language, slug)
			.filter(a -> a.visibility() == Visibility.PUBLIC && a.categoryId().equals(categoryId));
	}

	/** Filters are optional (null: any). */
	public List<Article> list(String language, String categoryId, Visibility visibility) {
		return store.list(language, categoryId, visibility);
	}

	/**
	 * A number that changes whenever any article is created, changed or deleted, on any node: for caches of the
	 * articles on other nodes, which do not see this node's {@link ArticleChanged} events. Cheap to ask often.
	 */
	public long revision() {
		long revision = 0;
		for (ArticleStore.Stamp stamp : store.stamps()) {
			// a sum of per-article hashes: independent of row order, and any version or id change moves it
			revision += (stamp.id().getMostSignificantBits() ^ stamp.id().getLeastSignificantBits()) * 31
					+ stamp.version() * 0x9E3779B97F4A7C15L;
		}
		return revision;
	}

	/** The article in every language it exists in, keyed by language. */
	public Map<String, Article> translations(UUID id) {
		return store.inGroup(get(id).translationGroup())
			.stream()
			.collect(Collectors.toMap(Article::language, Function.identity()));
	}

	public List<Category> categories() {
		return store.categories();
	}

	@Transactional
	public Category defineCategory(Category category) {
		if (category.id() == null || !category.id().matches("[a-z0-9][a-z0-9-]{0,59}")) {
			throw new InvalidInputException("id", "a category id is lower-case letters, digits and '-'");
		}
		requireText("nameNl", category.nameNl(), 200);
		requireText("nameEn", category.nameEn(), 200);
		Category clean = new Category(category.id(), category.nameNl().strip(), category.nameEn().strip(),
				category.position());
		store.saveCategory(clean);
		return clean;
	}

	@Transactional
	public Article create(ArticleDraft draft, Actor by) {
		if (draft.language() == null || !draft.language().matches("nl|en")) {
			throw new InvalidInputException("language", "language is 'nl' or 'en'");
		}
		UUID group = Ids.next();
		if (draft.translationOf() != null) {
			Article other = store.find(draft.translationOf())
				.orElseThrow(() -> new InvalidInputException("translationOf",
						"article " + draft.translationOf() + " does not exist"));
			if (store.inGroup(other.translationGroup()).stream().anyMatch(a -> a.language().equals(draft.language()))) {
				throw new RuleViolationException("article " + other.id() + " already has a translation in '"
						+ draft.language() + "'");
			}
			group = other.translationGroup();
		}
		Instant now = clock.instant();
		Article article = build(Ids.next(), group, draft, 1, now, now, by, null);
		store.insert(article);
		store.insertVersion(article, null);
		events.publishEvent(new ArticleChanged(article.id(), article.language(), article.version()));
		return article;
	}

	/**
	 * Saves a new version. {@code baseVersion} is the version the editor started from (null: do not check); when
	 * someone saved in between, the save is refused rather than losing their change.
	 */
	@Transactional
	public Article update(UUID id, ArticleDraft draft, Integer baseVersion, Actor by) {
		Article current = store.lock(id).orElseThrow(() -> new NotFoundException("Article", id));
		if (baseVersion != null && baseVersion != current.version()) {
			throw new RuleViolationException("article " + id + " was changed since version " + baseVersion
					+ " (it is at version " + current.version() + " now); reload it and apply your change again");
		}
		if (draft.language() != null && !draft.language().equals(current.language())) {
			throw new InvalidInputException("language", "an article keeps its language; create a translation instead");
		}
		return save(current, draft, by, null);
	}

	/** Makes an earlier version current again, as a new version, so the restore itself is in the history too. */
	@Transactional
	public Article restore(UUID id, int version, Actor by) {
		Article current = store.lock(id).orElseThrow(() -> new NotFoundException("Article", id));
		ArticleVersion old = store.version(id, version)
			.orElseThrow(() -> new NotFoundException("Version " + version + " of article", id));
		ArticleDraft draft = new ArticleDraft(current.language(), current.slug(), old.categoryId(), old.title(),
				old.bodyMarkdown(), old.shortAnswer(), old.visibility(), old.owner(), old.reviewBy(), old.tags(),
				old.exampleQuestions(), old.contactReasons(), null);
		return save(current, draft, by, "restored version " + version);
	}

	public List<ArticleVersion> versions(UUID id) {
		get(id);
		return store.versions(id);
	}

	public ArticleVersion version(UUID id, int version) {
		return store.version(id, version).orElseThrow(() -> new NotFoundException("Version " + version + " of article", id));
	}

	/** Line by line, what changed in title, short answer and body from version {@code from} to {@code to}. */
	public List<DiffLine> diff(UUID id, int from, int to) {
		ArticleVersion older = version(id, from);
		ArticleVersion newer = version(id, to);
		List<String> before = comparable(older);
		List<String> after = comparable(newer);
		Patch<String> patch = DiffUtils.diff(before, after);
		List<DiffLine> lines = new ArrayList<>();
		int position = 0;
		for (AbstractDelta<String> delta : patch.getDeltas()) {
			for (; position < delta.getSource().getPosition(); position++) {
				lines.add(new DiffLine(DiffLine.Kind.SAME, before.get(position)));
			}
			delta.getSource().getLines().forEach(l -> lines.add(new DiffLine(DiffLine.Kind.REMOVED, l)));
			delta.getTarget().getLines().forEach(l -> lines.add(new DiffLine(DiffLine.Kind.ADDED, l)));
			position += delta.getSource().size();
		}
		for (; position < before.size(); position++) {
			lines.add(new DiffLine(DiffLine.Kind.SAME, before.get(position)));
		}
		return lines;
	}

	/**
	 * Articles whose review date has passed, or that readers found unhelpful more often than helpful (at least
	 * {@value #NEGATIVE_FEEDBACK_THRESHOLD} times in 90 days); the oldest review date first.
	 */
	public List<StaleArticle> stale() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(Teams.DEFAULT_TIME_ZONE));
		Map<UUID, ArticleStore.FeedbackCount> feedback = store.feedbackSince(clock.instant().minus(FEEDBACK_WINDOW))
			.stream()
			.collect(Collectors.toMap(ArticleStore.FeedbackCount::articleId, Function.identity()));
		return store.all()
			.stream()
			.map(a -> {
				var counts = feedback.getOrDefault(a.id(), new ArticleStore.FeedbackCount(a.id(), 0, 0));
				boolean overdue = a.reviewBy() != null && a.reviewBy().isBefore(today);
				boolean disliked = counts.notHelpful() >= NEGATIVE_FEEDBACK_THRESHOLD
						&& counts.notHelpful() > counts.helpful();
				return overdue || disliked ? new StaleArticle(a.id(), a.language(), a.title(), a.owner(),
						a.reviewBy(), overdue, counts.notHelpful(), counts.helpful()) : null;
			})
			.filter(s -> s != null)
			.sorted(Comparator.comparing(StaleArticle::reviewBy, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(StaleArticle::title))
			.toList();
	}

	/** Stores a reader's answer to "did this help?"; the caller records the contact event in the same transaction. */
	@Transactional
	public void recordFeedback(UUID articleId, boolean helpful, String comment) {
		get(articleId);
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		if (text != null && text.length() > 1000) {
			throw new InvalidInputException("comment", "a comment is at most 1000 characters");
		}
		store.insertFeedback(articleId, helpful, text, clock.instant());
	}

	/** The latest comments readers left with their feedback, newest first. */
	public List<ReaderComment> comments(UUID articleId, int limit) {
		return store.comments(articleId, limit);
	}

	private Article save(Article current, ArticleDraft draft, Actor by, String note) {
		Article next = build(current.id(), current.translationGroup(),
				new ArticleDraft(current.language(), draft.slug() == null ? current.slug() : draft.slug(),
						draft.categoryId(), draft.title(), draft.bodyMarkdown(), draft.shortAnswer(),
						draft.visibility(), draft.owner(), draft.reviewBy(), draft.tags(), draft.exampleQuestions(),
						draft.contactReasons(), null),
				current.version() + 1, current.createdAt(), clock.instant(), by, current.id());
		store.update(next);
		store.insertVersion(next, note);
		events.publishEvent(new ArticleChanged(next.id(), next.language(), next.version()));
		return next;
	}

	private Article build(UUID id, UUID group, ArticleDraft d, int version, Instant created, Instant now, Actor by,
			UUID existing) {
		String title = requireText("title", d.title(), 200);
		String body = requireText("bodyMarkdown", d.bodyMarkdown(), 100_000);
		String shortAnswer = d.shortAnswer() == null ? "" : d.shortAnswer().strip();
		if (shortAnswer.isEmpty()) {
			throw new InvalidInputException("shortAnswer", "an article needs a short answer for chat and WhatsApp");
		}
		if (shortAnswer.length() > SHORT_ANSWER_MAX) {
			throw new InvalidInputException("shortAnswer", "a short answer is at most " + SHORT_ANSWER_MAX
					+ " characters; this one has " + shortAnswer.length());
		}
		if (d.categoryId() == null || !store.categoryExists(d.categoryId())) {
			throw new InvalidInputException("categoryId", "category '" + d.categoryId() + "' does not exist");
		}
		if (d.visibility() == null) {
			throw new InvalidInputException("visibility", "visibility is 'public', 'internal' or 'draft'");
		}
		String owner = requireText("owner", d.owner(), 200);
		String slug = d.slug() == null || d.slug().isBlank() ? slugOf(title) : d.slug().strip();
		if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*") || slug.length() > 120) {
			throw new InvalidInputException("slug", "a slug is lower-case letters and digits joined by '-'");
		}
		store.bySlug(d.language(), slug).filter(a -> !a.id().equals(existing)).ifPresent(a -> {
			throw new RuleViolationException("slug '" + slug + "' is already used by article " + a.id());
		});
		List<String> tags = d.tags().stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toList();
		for (String tag : tags) {
			if (!tag.matches("[\\p{L}0-9][\\p{L}0-9-]{0,39}")) {
				throw new InvalidInputException("tags", "a tag is one word of letters, digits and '-', not '" + tag + "'");
			}
		}
		List<String> questions = d.exampleQuestions()
			.stream()
			.map(q -> q.replaceAll("\\s+", " ").strip())
			.filter(q -> !q.isEmpty())
			.distinct()
			.toList();
		if (questions.size() > 50 || questions.stream().anyMatch(q -> q.length() > 300)) {
			throw new InvalidInputException("exampleQuestions", "at most 50 example questions of 300 characters");
		}
		List<String> reasons = d.contactReasons().stream().map(String::strip).distinct().toList();
		for (String reason : reasons) {
			if (!reason.matches("[a-z0-9][a-z0-9-]{0,59}")) {
				throw new InvalidInputException("contactReasons", "'" + reason + "' is not a contact reason id");
			}
		}
		return new Article(id, group, d.language(), slug, d.categoryId(), title, body,
				MarkdownRenderer.toSafeHtml(body), shortAnswer, d.visibility(), owner, d.reviewBy(), tags, questions,
				reasons, version, created, now, by.label());
	}

	private static List<String> comparable(ArticleVersion v) {
		List<String> lines = new ArrayList<>();
		lines.add("# " + v.title());
		lines.add("");
		lines.addAll(v.shortAnswer().lines().map(l -> "> " + l).toList());
		lines.add("");
		lines.addAll(v.bodyMarkdown().lines().toList());
		return lines;
	}

	private static String requireText(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, field + " must not be empty");
		}
		if (value.strip().length() > max) {
			throw new InvalidInputException(field, field + " is at most " + max + " characters");
		}
		return value.strip();
	}

	/** "Bezorgkosten & tijden" becomes "bezorgkosten-tijden". */
	static String slugOf(String title) {
		String plain = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		slug = slug.length() > 120 ? slug.substring(0, 120).replaceAll("-$", "") : slug;
		return slug.isEmpty() ? "article" : slug;
	}
}
