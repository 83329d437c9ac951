package nl.baken.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import nl.baken.knowledge.ArticleImport;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.ContactTopic;
import nl.baken.knowledge.ContactTopics;
import nl.baken.knowledge.Synonyms;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The demo webshop's knowledge base (Dutch and English, under {@code demo/knowledge}), a few synonyms and the
 * contact page's topics, loaded when there are no articles yet, through the same importer as {@code import-articles}.
 */
@Component
@Order(1)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoKnowledge implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoKnowledge.class);

	private final Articles articles;

	private final ArticleImport importer;

	private final Synonyms synonyms;

	private final ContactTopics topics;

	DemoKnowledge(Articles articles, ArticleImport importer, Synonyms synonyms, ContactTopics topics) {
		this.topics = topics;
		this.articles = articles;
		this.importer = importer;
		this.synonyms = synonyms;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!articles.list(null, null, null).isEmpty()) {
			return;
		}
		int loaded = loadArticlesAndSynonyms();
		defineContactTopics();
		log.info("demo knowledge base: {} articles", loaded);
	}

	int loadArticlesAndSynonyms() throws IOException {
		var resolver = new PathMatchingResourcePatternResolver();
		List<ArticleImport.Source> sources = new ArrayList<>();
		Resource[] files = resolver.getResources("classpath:demo/knowledge/*.md");
		Arrays.sort(files, Comparator.comparing(Resource::getFilename));
		for (Resource file : files) {
			sources.add(new ArticleImport.Source(file.getFilename(), read(file)));
		}
		String categories = read(resolver.getResource("classpath:demo/knowledge/_categories.csv"));
		var outcome = importer.importSources(categories, sources, Actor.system("demo"));
		if (synonyms.all().isEmpty()) {
			synonyms.add("nl", List.of("retour", "terugsturen", "retourneren", "terug sturen"));
			synonyms.add("nl", List.of("kapot", "defect", "stuk"));
			synonyms.add("nl", List.of("factuur", "nota"));
			synonyms.add("nl", List.of("levering", "bezorging"));
			synonyms.add("en", List.of("return", "send back"));
			synonyms.add("en", List.of("broken", "faulty", "defective"));
			synonyms.add("en", List.of("invoice", "bill"));
			synonyms.add("en", List.of("delivery", "shipping"));
		}
		return outcome.created();
	}

	private void defineContactTopics() {
		if (topics.all().isEmpty()) {
			String weekdays = "ma–vr 8:00–20:00, za 9:00–17:00";
			String weekdaysEn = "Mon–Fri 8 am–8 pm, Sat 9 am–5 pm";
			topics.define(new ContactTopic("orders", "Bestelling en bezorging", "Orders and delivery", "orders",
					"bestellingen@tuinhuys.example", "+31201234501", "+31612345601", weekdays, weekdaysEn, 1));
			topics.define(new ContactTopic("returns", "Retouren en terugbetalingen", "Returns and refunds", "returns",
					"retouren@tuinhuys.example", null, "+31612345602", weekdays, weekdaysEn, 2));
			topics.define(new ContactTopic("payments", "Betalen en facturen", "Payments and invoices", "payments",
					"betalen@tuinhuys.example", "+31201234504", null, "ma–vr 9:00–17:00", "Mon–Fri 9 am–5 pm", 3));
			topics.define(new ContactTopic("advice", "Productadvies en garantie", "Product advice and warranty",
					"advice", "advies@tuinhuys.example", "+31201234503", "+31612345603", weekdays, weekdaysEn, 4));
			topics.define(new ContactTopic("complaints", "Klachten", "Complaints", "relations",
					"klantrelaties@tuinhuys.example", "+31201234505", null, "ma–vr 9:00–17:00", "Mon–Fri 9 am–5 pm", 5));
		}
	}

	private static String read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
