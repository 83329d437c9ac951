package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.knowledge.internal.ArticleStore;
import nl.baken.knowledge.internal.SynonymStore;
import nl.baken.knowledge.internal.search.ArticleIndex;
import nl.baken.shared.Actor;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index follows the database, whoever wrote to it: a save by another node (here: a row changed behind this
 * node's back) reaches this node's index on its next look, and an index folder that is lost is rebuilt.
 */
@DatabaseTest
class KnowledgeIndexTests extends ApiTestSupport {

	@Autowired
	Articles articles;

	@Autowired
	KnowledgeSearch search;

	@Autowired
	ArticleStore store;

	@Autowired
	SynonymStore synonyms;

	@Autowired
	JdbcClient jdbc;

	Article article(String title) {
		return article(title, "Short.");
	}

	Article article(String title, String shortAnswer) {
		String category = "i" + System.nanoTime() % 1_000_000_000;
		articles.defineCategory(new Category(category, "Index", "Index", 1));
		return articles.create(new ArticleDraft("en", null, category, title, "Body.", shortAnswer, Visibility.PUBLIC,
				"anna", null, List.of(), List.of(), List.of(), null), Actor.system("test"));
	}

	@Test
	void aQuestionWhoseTypoVariantsPassLucenesClauseLimitIsAnsweredWithoutThem() throws Exception {
		String word = "hose" + letters(8);
		// 26 words one letter away from the question's word where typos are looked for: its typo query alone
		// expands to 27 terms
		String variants = IntStream.rangeClosed('a', 'z')
			.mapToObj(c -> word.substring(0, word.length() - 1) + (char) c)
			.collect(Collectors.joining(" "));
		Article a = article("A " + word, variants);
		int limit = IndexSearcher.getMaxClauseCount();
		try (ArticleIndex index = new ArticleIndex(store, synonyms, "memory")) {
			index.sync();
			// the same as a long e-mail in a large knowledge base, with a limit a short question can show
			IndexSearcher.setMaxClauseCount(20);
			assertThat(index.search(word, "en", 5, false)).extracting(ArticleIndex.Hit::id).containsExactly(a.id());
		}
		finally {
			IndexSearcher.setMaxClauseCount(limit);
		}
	}

	private static String letters(int length) {
		Random random = new Random();
		StringBuilder letters = new StringBuilder();
		for (int i = 0; i < length; i++) {
			letters.append((char) ('a' + random.nextInt(26)));
		}
		return letters.toString();
	}

	@Test
	void aSaveOnAnotherNodeReachesThisIndexOnItsNextLook() {
		String before = "wheelbarrow" + System.nanoTime() % 1_000_000;
		String after = "trellis" + System.nanoTime() % 1_000_000;
		Article a = article("A " + before);
		assertThat(search.search(before, Locale.ENGLISH, 5)).extracting(KnowledgeHit::articleId).contains(a.id());
		// what another node's save leaves in the shared database: new content under a higher version
		jdbc.sql("update article set title = ?, version = version + 1 where id = ?").params("A " + after, a.id()).update();
		search.refresh();
		assertThat(search.search(after, Locale.ENGLISH, 5)).extracting(KnowledgeHit::articleId).contains(a.id());
		assertThat(search.search(before, Locale.ENGLISH, 5)).extracting(KnowledgeHit::articleId).doesNotContain(a.id());
	}

	@Test
	void aLostIndexFolderIsRebuiltFromTheDatabase(@TempDir Path dir) throws Exception {
		String word = "birdbath" + System.nanoTime() % 1_000_000;
		Article a = article("A " + word);
		Path folder = dir.resolve("index");
		try (ArticleIndex index = new ArticleIndex(store, synonyms, folder.toString())) {
			assertThat(index.search(word, "en", 5, false)).extracting(ArticleIndex.Hit::id).containsExactly(a.id());
		}
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		assertThat(folder).doesNotExist();
		try (ArticleIndex index = new ArticleIndex(store, synonyms, folder.toString())) {
			assertThat(index.search(word, "en", 5, false)).extracting(ArticleIndex.Hit::id).containsExactly(a.id());
		}
		// reopening an intact index reads which versions it holds instead of starting over
		try (ArticleIndex index = new ArticleIndex(store, synonyms, folder.toString())) {
			index.sync();
			assertThat(index.search(word, "en", 5, false)).hasSize(1);
		}
	}
}
