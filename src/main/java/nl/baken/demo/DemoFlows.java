package nl.baken.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;

import nl.baken.knowledge.Article;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.FlowDraft;
import nl.baken.knowledge.GuidedFlows;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo webshop's guided flows (under {@code demo/flows}), loaded when there are none yet, after the demo articles
 * and teams. A step names its article by Dutch slug ({@code articleSlug}), since article ids are made at loading.
 */
@Component
@Order(2)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoFlows implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoFlows.class);

	private final GuidedFlows flows;

	private final Articles articles;

	private final JsonMapper json;

	DemoFlows(GuidedFlows flows, Articles articles, JsonMapper json) {
		this.flows = flows;
		this.articles = articles;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!flows.list().isEmpty()) {
			return;
		}
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/flows/*.json");
		Arrays.sort(files, Comparator.comparing(Resource::getFilename));
		for (Resource file : files) {
			try (InputStream in = file.getInputStream()) {
				JsonNode flow = json.readTree(in);
				for (JsonNode step : flow.get("steps")) {
					JsonNode slug = step.get("articleSlug");
					if (slug != null) {
						((ObjectNode) step).remove("articleSlug");
						// an article missing from the demo set leaves the step without a link rather than failing
						articles.list("nl", null, null)
							.stream()
							.filter(a -> a.slug().equals(slug.asString()))
							.map(Article::id)
							.findFirst()
							.ifPresent(id -> ((ObjectNode) step).put("articleId", id.toString()));
					}
				}
				flows.create(json.treeToValue(flow, FlowDraft.class), Actor.system("demo"));
			}
		}
		log.info("demo guided flows: {}", files.length);
	}
}
