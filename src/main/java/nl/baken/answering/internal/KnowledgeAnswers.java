package nl.baken.answering.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import nl.baken.answering.Answer;
import nl.baken.answering.Answering;
import nl.baken.answering.Example;
import nl.baken.answering.Match;
import nl.baken.answering.QuestionMatcher;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.ArticleChanged;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The bot's understanding of questions: a {@link QuestionMatcher} trained on the public articles (title and example
 * questions, labelled by translation group, so a Dutch and an English version are one answer).
 *
 * <p>It is trained when the bot starts and again in the background after articles change: training takes seconds on
 * a large knowledge base, and a customer should not wait for an editor's change. Changes that come in a burst (an
 * import publishes one per article) are trained once. Until the new matcher is there the previous one ranks the
 * questions, but what the bot says always comes from the articles as they are now: the first question after a change
 * reads them again, and an article that is no longer public is never offered. Changes saved on another node are noticed
 * by polling the articles' revision.
 */
@Component
public class KnowledgeAnswers {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeAnswers.class);

	private final Answering answering;

	private final Articles articles;

	private final String publicUrl;

	private final long debounceMillis;

	/** Counts article changes; what was read or trained remembers the count it saw. */
	private final AtomicLong changes = new AtomicLong();

	private final ScheduledExecutorService training = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "knowledge-answers-training");
		thread.setDaemon(true);
		return thread;
	});

	private final Object trainingLock = new Object();

	private boolean retrainScheduled;

	private volatile Trained trained;

	private volatile Published published;

	/** A matcher and the change count of the articles it learned; no matcher when there was nothing to choose from. */
	private record Trained(long changes, QuestionMatcher matcher) {
	}

	/** The public articles by label and language, as read at a change count and an articles' revision. */
	private record Published(long changes, long revision, Map<String, Map<String, Article>> byLabel) {
	}

	KnowledgeAnswers(Answering answering, Articles articles,
			@Value("${baken.answering.bot.public-url:http://localhost:8080}") String publicUrl,
			@Value("${baken.answering.bot.retrain-delay:PT1S}") Duration retrainDelay) {
		this.answering = answering;
		this.articles = articles;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
		this.debounceMillis = retrainDelay.toMillis();
	}

	@PreDestroy
	void stop() {
		training.shutdownNow();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(ArticleChanged changed) {
		changed();
	}

	/** Changes saved on other nodes reach this node's bot here (they publish no event on this one). */
	@Scheduled(fixedDelayString = "${baken.answering.bot.article-poll:PT10S}", initialDelayString = "PT10S")
	void poll() {
		Published last = published;
		if (last != null && articles.revision() != last.revision()) {
			changed();
		}
	}

	private void changed() {
		changes.incrementAndGet();
		synchronized (this) {
			// a node whose bot has not answered yet trains on its first question, not on every change
			if (retrainScheduled || trained == null) {
				return;
			}
			retrainScheduled = true;
		}
		training.schedule(this::retrainInBackground, debounceMillis, TimeUnit.MILLISECONDS);
	}

	/** The example questions an article teaches the matcher: its title and its example questions. */
	public static List<Example> examples(Article article, String label) {
		Set<String> texts = new LinkedHashSet<>();
		texts.add(article.title());
		texts.addAll(article.exampleQuestions());
		return texts.stream().map(text -> new Example(label, text, article.language())).toList();
	}

	public Understanding understand(String question, String language) {
		Trained current = trained;
		if (current == null) {
			// only before the first training has finished (the start-up warm-up usually has)
			current = train();
		}
		if (current.matcher() == null) {
			return new Understanding(Answer.Decision.HAND_OFF, 0, List.of());
		}
		Map<String, Map<String, Article>> live = published().byLabel();
		List<Understanding.Known> known = new ArrayList<>();
		double confidence = 0;
		for (Match match : current.matcher().answer(question, language).matches()) {
			Map<String, Article> versions = live.get(match.label());
			if (versions == null) {
				continue; // withdrawn since the matcher was trained
			}
			if (known.isEmpty()) {
				confidence = match.confidence();
			}
			Article article = versions.getOrDefault(language, versions.values().iterator().next());
			known.add(new Understanding.Known(match.label(), article.slug(), article.title(), article.shortAnswer(),
					publicUrl + "/help/" + article.language() + "/" + article.categoryId() + "/" + article.slug(),
					article.contactReasons().isEmpty() ? null : article.contactReasons().getFirst()));
		}
		Answer.Decision decision = known.isEmpty() ? Answer.Decision.HAND_OFF
				: current.matcher().thresholds().decide(confidence);
		return new Understanding(decision, confidence, known);
	}

	/** Trains the matcher now if the articles changed since it was trained, and waits for it. */
	public void prepare() {
		train();
	}

	/** Whether the matcher has learned the articles as they are now (no change is waiting to be trained). */
	public boolean ready() {
		Trained current = trained;
		return current != null && current.changes() == changes.get();
	}

	private void retrainInBackground() {
		synchronized (this) {
			retrainScheduled = false;
		}
		try {
			train();
		}
		catch (RuntimeException e) {
			// the previous matcher keeps answering; the next change tries again
			log.error("Could not train the bot's matcher on the changed articles", e);
		}
	}

	private Trained train() {
		synchronized (trainingLock) {
			Trained current = trained;
			if (current != null && current.changes() == changes.get()) {
				return current;
			}
			Published read = read();
			List<Example> examples = new ArrayList<>();
			read.byLabel().forEach((label, versions) -> versions.values()
				.forEach(article -> examples.addAll(examples(article, label))));
			// with fewer than two answers there is nothing to choose between: every question goes to a person
			current = new Trained(read.changes(),
					read.byLabel().size() < 2 ? null : answering.train(examples));
			trained = current;
			return current;
		}
	}

	private Published published() {
		Published current = published;
		return current != null && current.changes() == changes.get() ? current : read();
	}

	private Published read() {
		long seen = changes.get();
		long revision = articles.revision();
		Map<String, Map<String, Article>> byLabel = new LinkedHashMap<>();
		for (Article article : articles.list(null, null, Visibility.PUBLIC)) {
			byLabel.computeIfAbsent(article.translationGroup().toString(), l -> new HashMap<>())
				.put(article.language(), article);
		}
		Published read = new Published(seen, revision, byLabel);
		published = read;
		return read;
	}
}
