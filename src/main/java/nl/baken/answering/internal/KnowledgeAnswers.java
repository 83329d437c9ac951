package nl.baken.answering.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.baken.answering.Answer;
import nl.baken.answering.Answering;
import nl.baken.answering.Example;
import nl.baken.answering.Match;
import nl.baken.answering.QuestionMatcher;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.ArticleChanged;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.Visibility;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The bot's understanding of questions: a {@link QuestionMatcher} trained on the public articles (title and example
 * questions, labelled by translation group, so a Dutch and an English version are one answer). It is trained when the
 * bot starts, and again on the next question after an article changed, which waits for it (seconds on a large
 * knowledge base).
 */
@Component
public class KnowledgeAnswers {

	private final Answering answering;

	private final Articles articles;

	private final String publicUrl;

	private volatile boolean stale = true;

	private Trained trained;

	record Trained(QuestionMatcher matcher, Map<String, Map<String, Article>> byLabel) {
	}

	KnowledgeAnswers(Answering answering, Articles articles,
			@Value("${baken.answering.bot.public-url:http://localhost:8080}") String publicUrl) {
		this.answering = answering;
		this.articles = articles;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(ArticleChanged changed) {
		stale = true;
	}

	/** The example questions an article teaches the matcher: its title and its example questions. */
	public static List<Example> examples(Article article, String label) {
		Set<String> texts = new LinkedHashSet<>();
		texts.add(article.title());
		texts.addAll(article.exampleQuestions());
		return texts.stream().map(text -> new Example(label, text, article.language())).toList();
	}

	public Understanding understand(String question, String language) {
		Trained current = trained();
		if (current == null) {
			return new Understanding(Answer.Decision.HAND_OFF, 0, List.of());
		}
		Answer answer = current.matcher().answer(question, language);
		List<Understanding.Known> known = new ArrayList<>();
		for (Match match : answer.matches()) {
			Map<String, Article> versions = current.byLabel().get(match.label());
			Article article = versions.getOrDefault(language, versions.values().iterator().next());
			known.add(new Understanding.Known(match.label(), article.slug(), article.title(), article.shortAnswer(),
					publicUrl + "/help/" + article.language() + "/" + article.categoryId() + "/" + article.slug(),
					article.contactReasons().isEmpty() ? null : article.contactReasons().getFirst()));
		}
		return new Understanding(answer.decision(), answer.confidence(), known);
	}

	/** Trains the matcher now if the articles changed since, so that a question need not wait for it. */
	void prepare() {
		trained();
	}

	/** Whether a matcher trained on the current articles is there, so a question would not wait for training. */
	public synchronized boolean ready() {
		return !stale && trained != null;
	}

	private synchronized Trained trained() {
		if (stale) {
			stale = false;
			List<Example> examples = new ArrayList<>();
			Map<String, Map<String, Article>> byLabel = new HashMap<>();
			for (Article article : articles.list(null, null, Visibility.PUBLIC)) {
				String label = article.translationGroup().toString();
				byLabel.computeIfAbsent(label, l -> new HashMap<>()).put(article.language(), article);
				examples.addAll(examples(article, label));
			}
			// with fewer than two answers there is nothing to choose between: every question goes to a person
			trained = byLabel.size() < 2 ? null : new Trained(answering.train(examples), byLabel);
		}
		return trained;
	}
}
