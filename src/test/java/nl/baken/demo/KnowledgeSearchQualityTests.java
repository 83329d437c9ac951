package nl.baken.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import nl.baken.knowledge.ArticleImport;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.KnowledgeHit;
import nl.baken.knowledge.KnowledgeSearch;
import nl.baken.knowledge.Synonyms;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Search quality on the demo knowledge base: customers' own wordings (misspellings and compounds included) against
 * the article that answers them ({@code knowledge/search-quality.csv}). Reports MRR@5 and recall@5 and fails when
 * they fall below the level reached; record new figures in docs/benchmarks.md when they move.
 */
@SpringBootTest
@TestPropertySource(properties = "baken.demo.enabled=false")
class KnowledgeSearchQualityTests {

	/** Just under what the search reached when the set was written (see docs/benchmarks.md). */
	static final double MIN_MRR = 0.94;

	static final double MIN_RECALL = 0.98;

	@Autowired
	Articles articles;

	@Autowired
	ArticleImport importer;

	@Autowired
	Synonyms synonyms;

	@Autowired
	KnowledgeSearch search;

	@Autowired
	nl.baken.knowledge.ContactTopics topics;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:knowledge-quality;DB_CLOSE_DELAY=-1");
	}

	record Case(String language, String query, String slug) {
	}

	@Test
	void demoQuestionsFindTheirArticleInTheTopFive() throws Exception {
		new DemoKnowledge(articles, importer, synonyms, topics).loadArticlesAndSynonyms();
		search.refresh();
		List<Case> cases = cases();
		assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
		double reciprocalRanks = 0;
		int found = 0;
		for (Case c : cases) {
			List<KnowledgeHit> hits = search.search(c.query(), Locale.of(c.language()), 5);
			int rank = 0;
			for (int i = 0; i < hits.size(); i++) {
				if (hits.get(i).slug().equals(c.slug())) {
					rank = i + 1;
					break;
				}
			}
			if (rank > 0) {
				found++;
				reciprocalRanks += 1.0 / rank;
			}
			else {
				System.out.printf("miss [%s] %s -> expected %s, got %s%n", c.language(), c.query(), c.slug(),
						hits.stream().map(KnowledgeHit::slug).toList());
			}
		}
		double mrr = reciprocalRanks / cases.size();
		double recall = (double) found / cases.size();
		System.out.printf(Locale.ROOT, "knowledge search quality: %d queries, MRR@5 %.3f, recall@5 %.3f%n",
				cases.size(), mrr, recall);
		assertThat(mrr).as("MRR@5").isGreaterThanOrEqualTo(MIN_MRR);
		assertThat(recall).as("recall@5").isGreaterThanOrEqualTo(MIN_RECALL);
	}

	static List<Case> cases() throws IOException {
		try (InputStream in = KnowledgeSearchQualityTests.class.getResourceAsStream("/knowledge/search-quality.csv")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(l -> !l.isBlank() && !l.startsWith("#"))
				.map(l -> l.split(";"))
				.map(p -> new Case(p[0].strip(), p[1].strip(), p[2].strip()))
				.toList();
		}
	}
}
