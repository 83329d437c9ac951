package nl.baken.knowledge.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.knowledge.Article;
import nl.baken.knowledge.ArticleVersion;
import nl.baken.knowledge.Category;
import nl.baken.knowledge.ReaderComment;
import nl.baken.knowledge.Visibility;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The knowledge tables. Lists are stored as text: tags and reasons space-separated, questions one per line. */
@Repository
public class ArticleStore {

	private final JdbcClient jdbc;

	ArticleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Article> find(UUID id) {
		return jdbc.sql("select * from article where id = ?").param(id).query(ArticleStore::article).optional();
	}

	/** The current row, locked until the transaction ends so two saves of one article take turns. */
	public Optional<Article> lock(UUID id) {
		return jdbc.sql("select * from article where id = ? for update")
			.param(id)
			.query(ArticleStore::article)
			.optional();
	}

	public Optional<Article> bySlug(String language, String slug) {
		return jdbc.sql("select * from article where language = ? and slug = ?")
			.params(language, slug)
			.query(ArticleStore::article)
			.optional();
	}

	public List<Article> list(String language, String categoryId, Visibility visibility) {
		return jdbc.sql("""
				select * from article
				where (cast(? as varchar) is null or language = ?)
				  and (cast(? as varchar) is null or category_id = ?)
				  and (cast(? as varchar) is null or visibility = ?)
				order by category_id, title""")
			.params(language, language, categoryId, categoryId, code(visibility), code(visibility))
			.query(ArticleStore::article)
			.list();
	}

	public List<Article> all() {
		return jdbc.sql("select * from article order by id").query(ArticleStore::article).list();
	}

	public List<Article> inGroup(UUID translationGroup) {
		return jdbc.sql("select * from article where translation_group = ? order by language")
			.param(translationGroup)
			.query(ArticleStore::article)
			.list();
	}

	public record Stamp(UUID id, int version) {
	}

	/** What the search index compares itself with: every article's id and version, cheap to read often. */
	public List<Stamp> stamps() {
		return jdbc.sql("select id, version from article")
			.query((rs, n) -> new Stamp(rs.getObject("id", UUID.class), rs.getInt("version")))
			.list();
	}

	public void insert(Article a) {
		jdbc.sql("""
				insert into article (id, translation_group, language, slug, category_id, title, body_markdown,
				    body_html, short_answer, visibility, owner, review_by, tags, example_questions, contact_reasons,
				    version, created_at, updated_at, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(a.id(), a.translationGroup(), a.language(), a.slug(), a.categoryId(), a.title(),
					a.bodyMarkdown(), a.bodyHtml(), a.shortAnswer(), a.visibility().code(), a.owner(),
					date(a.reviewBy()), words(a.tags()), lines(a.exampleQuestions()), words(a.contactReasons()),
					a.version(), Sql.utc(a.createdAt()), Sql.utc(a.updatedAt()), a.updatedBy())
			.update();
	}

	public void update(Article a) {
		jdbc.sql("""
				update article set slug = ?, category_id = ?, title = ?, body_markdown = ?, body_html = ?,
				    short_answer = ?, visibility = ?, owner = ?, review_by = ?, tags = ?, example_questions = ?,
				    contact_reasons = ?, version = ?, updated_at = ?, updated_by = ?
				where id = ?""")
			.params(a.slug(), a.categoryId(), a.title(), a.bodyMarkdown(), a.bodyHtml(), a.shortAnswer(),
					a.visibility().code(), a.owner(), date(a.reviewBy()), words(a.tags()),
					lines(a.exampleQuestions()), words(a.contactReasons()), a.version(), Sql.utc(a.updatedAt()),
					a.updatedBy(), a.id())
			.update();
	}

	public void insertVersion(Article a, String note) {
		jdbc.sql("""
				insert into article_version (article_id, version, category_id, title, body_markdown, short_answer,
				    visibility, owner, review_by, tags, example_questions, contact_reasons, saved_at, saved_by, note)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(a.id(), a.version(), a.categoryId(), a.title(), a.bodyMarkdown(), a.shortAnswer(),
					a.visibility().code(), a.owner(), date(a.reviewBy()), words(a.tags()),
					lines(a.exampleQuestions()), words(a.contactReasons()), Sql.utc(a.updatedAt()), a.updatedBy(),
					note)
			.update();
	}

	public List<ArticleVersion> versions(UUID articleId) {
		return jdbc.sql("select * from article_version where article_id = ? order by version desc")
			.param(articleId)
			.query(ArticleStore::version)
			.list();
	}

	public Optional<ArticleVersion> version(UUID articleId, int version) {
		return jdbc.sql("select * from article_version where article_id = ? and version = ?")
			.params(articleId, version)
			.query(ArticleStore::version)
			.optional();
	}

	public List<Category> categories() {
		return jdbc.sql("select * from knowledge_category order by position, id")
			.query((rs, n) -> new Category(rs.getString("id"), rs.getString("name_nl"), rs.getString("name_en"),
					rs.getInt("position")))
			.list();
	}

	public boolean categoryExists(String id) {
		return jdbc.sql("select count(*) from knowledge_category where id = ?").param(id).query(Long.class).single() > 0;
	}

	public void saveCategory(Category c) {
		int updated = jdbc.sql("update knowledge_category set name_nl = ?, name_en = ?, position = ? where id = ?")
			.params(c.nameNl(), c.nameEn(), c.position(), c.id())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into knowledge_category (id, name_nl, name_en, position) values (?, ?, ?, ?)")
				.params(c.id(), c.nameNl(), c.nameEn(), c.position())
				.update();
		}
	}

	public void insertFeedback(UUID articleId, boolean helpful, String comment, Instant at) {
		jdbc.sql("insert into article_feedback (id, article_id, helpful, comment, given_at) values (?, ?, ?, ?, ?)")
			.params(nl.baken.shared.Ids.next(), articleId, helpful, comment, Sql.utc(at))
			.update();
	}

	public record FeedbackCount(UUID articleId, int helpful, int notHelpful) {
	}

	public List<FeedbackCount> feedbackSince(Instant since) {
		return jdbc.sql("""
				select article_id,
				       sum(case when helpful then 1 else 0 end) as yes,
				       sum(case when helpful then 0 else 1 end) as no
				from article_feedback where given_at >= ? group by article_id""")
			.param(Sql.utc(since))
			.query((rs, n) -> new FeedbackCount(rs.getObject("article_id", UUID.class), rs.getInt("yes"),
					rs.getInt("no")))
			.list();
	}

	public List<ReaderComment> comments(UUID articleId, int limit) {
		return jdbc.sql("""
				select helpful, comment, given_at from article_feedback
				where article_id = ? and comment is not null order by given_at desc limit ?""")
			.params(articleId, limit)
			.query((rs, n) -> new ReaderComment(rs.getBoolean("helpful"), rs.getString("comment"),
					Sql.instant(rs, "given_at")))
			.list();
	}

	private static Article article(ResultSet rs, int row) throws SQLException {
		return new Article(rs.getObject("id", UUID.class), rs.getObject("translation_group", UUID.class),
				rs.getString("language"), rs.getString("slug"), rs.getString("category_id"), rs.getString("title"),
				rs.getString("body_markdown"), rs.getString("body_html"), rs.getString("short_answer"),
				Visibility.fromCode(rs.getString("visibility")), rs.getString("owner"), localDate(rs),
				splitWords(rs.getString("tags")), splitLines(rs.getString("example_questions")),
				splitWords(rs.getString("contact_reasons")), rs.getInt("version"), Sql.instant(rs, "created_at"),
				Sql.instant(rs, "updated_at"), rs.getString("updated_by"));
	}

	private static ArticleVersion version(ResultSet rs, int row) throws SQLException {
		return new ArticleVersion(rs.getObject("article_id", UUID.class), rs.getInt("version"),
				rs.getString("category_id"), rs.getString("title"), rs.getString("body_markdown"),
				rs.getString("short_answer"), Visibility.fromCode(rs.getString("visibility")), rs.getString("owner"),
				localDate(rs), splitWords(rs.getString("tags")), splitLines(rs.getString("example_questions")),
				splitWords(rs.getString("contact_reasons")), Sql.instant(rs, "saved_at"), rs.getString("saved_by"),
				rs.getString("note"));
	}

	private static LocalDate localDate(ResultSet rs) throws SQLException {
		Date date = rs.getDate("review_by");
		return date == null ? null : date.toLocalDate();
	}

	private static Date date(LocalDate date) {
		return date == null ? null : Date.valueOf(date);
	}

	private static String code(Visibility visibility) {
		return visibility == null ? null : visibility.code();
	}

	private static String words(List<String> words) {
		return String.join(" ", words);
	}

	private static String lines(List<String> lines) {
		return String.join("\n", lines);
	}

	private static List<String> splitWords(String text) {
		return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
	}

	private static List<String> splitLines(String text) {
		return text == null || text.isBlank() ? List.of() : text.lines().filter(l -> !l.isBlank()).toList();
	}
}
