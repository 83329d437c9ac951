package nl.baken.answering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.answering.Answer;
import nl.baken.answering.Answering;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.ArticleChanged;
import nl.baken.knowledge.ArticleDraft;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.Category;
import nl.baken.knowledge.Visibility;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After an article changes, the bot keeps answering with the matcher it has while a new one trains in the background,
 * and what it says comes from the articles as they are now. The instances under test are made here with a retrain
 * delay of an hour, so that nothing trains unless the test asks for it; their changes are announced by hand.
 */
@DatabaseTest
class KnowledgeAnswersTests extends ApiTestSupport {

	@Autowired
	Answering answering;

	@Autowired
	Articles articles;

	String category;

	String word;

	Article watering;

	Article pruning;

	@BeforeEach
	void twoArticles() {
		category = unique("bot").substring(0, 20);
		word = "regenton" + (System.nanoTime() % 1_000_000);
		articles.defineCategory(new Category(category, "Tuin", "Garden", 1));
		watering = article("Een " + word + " aansluiten", "Sluit de " + word + " aan op de regenpijp.",
				List.of("hoe sluit ik de " + word + " aan", word + " aan de regenpijp koppelen"));
		pruning = article("Een " + word + " legen", "Draai de kraan van de " + word + " open.",
				List.of("hoe leeg ik de " + word, word + " leeg laten lopen voor de winter"));
	}

	Article article(String title, String shortAnswer, List<String> questions) {
		return articles.create(new ArticleDraft("nl", null, category, title, "Tekst.", shortAnswer, Visibility.PUBLIC,
				"anna", null, List.of(), questions, List.of(), null), Actor.system("test"));
	}

	KnowledgeAnswers answers(Duration retrainDelay) {
		return new KnowledgeAnswers(answering, articles, "https://shop.example", retrainDelay);
	}

	Article change(Article article, String shortAnswer, Visibility visibility) {
		return articles.update(article.id(),
				new ArticleDraft("nl", article.slug(), category, article.title(), "Tekst.", shortAnswer, visibility,
						"anna", null, List.of(), article.exampleQuestions(), List.of(), null),
				article.version(), Actor.system("test"));
	}

	static void announce(KnowledgeAnswers answers, Article article) {
		answers.on(new ArticleChanged(article.id(), article.language(), article.version()));
	}

	@Test
	void aChangedArticleIsAnsweredWithItsNewTextBeforeTheMatcherIsTrainedAgain() {
		KnowledgeAnswers answers = answers(Duration.ofHours(1));
		answers.prepare();
		assertThat(answers.ready()).isTrue();
		assertThat(answers.understand("hoe sluit ik mijn " + word + " aan?", "nl").matches().getFirst().shortAnswer())
			.isEqualTo("Sluit de " + word + " aan op de regenpijp.");

		announce(answers, change(watering, "Koppel de " + word + " met de vulautomaat.", Visibility.PUBLIC));

		assertThat(answers.ready()).as("the change waits to be trained").isFalse();
		Understanding understood = answers.understand("hoe sluit ik mijn " + word + " aan?", "nl");
		assertThat(understood.matches().getFirst().label()).isEqualTo(watering.translationGroup().toString());
		assertThat(understood.matches().getFirst().shortAnswer()).isEqualTo("Koppel de " + word + " met de vulautomaat.");
		assertThat(answers.ready()).as("the question did not train").isFalse();
	}

	@Test
	void anArticleThatIsNoLongerPublicIsNeverOfferedEvenByTheOldMatcher() {
		KnowledgeAnswers answers = answers(Duration.ofHours(1));
		answers.prepare();
		String emptying = "hoe leeg ik de " + word + "?";
		assertThat(answers.understand(emptying, "nl").matches()).extracting(Understanding.Known::label)
			.first()
			.isEqualTo(pruning.translationGroup().toString());

		announce(answers, change(pruning, pruning.shortAnswer(), Visibility.INTERNAL));

		Understanding understood = answers.understand(emptying, "nl");
		assertThat(understood.matches()).extracting(Understanding.Known::label)
			.doesNotContain(pruning.translationGroup().toString());
		assertThat(understood.decision()).as("decided on the best article that is left")
			.isEqualTo(understood.matches().isEmpty() ? Answer.Decision.HAND_OFF
					: answering.thresholds().decide(understood.confidence()));
		assertThat(answers.ready()).isFalse();

		answers.prepare();
		assertThat(answers.ready()).isTrue();
		assertThat(answers.understand(emptying, "nl").matches()).extracting(Understanding.Known::label)
			.doesNotContain(pruning.translationGroup().toString());
	}

	@Test
	void aChangeSavedOnAnotherNodeIsNoticedByPollingTheArticles() {
		KnowledgeAnswers answers = answers(Duration.ofHours(1));
		answers.prepare();
		answers.poll();
		assertThat(answers.ready()).as("nothing changed").isTrue();

		// this instance hears no event of the change, as a node would not of another node's save
		change(watering, "Gebruik de koppelset van de " + word + ".", Visibility.PUBLIC);
		assertThat(answers.ready()).isTrue();
		answers.poll();

		assertThat(answers.ready()).as("the poll saw the change").isFalse();
		assertThat(answers.understand("hoe sluit ik mijn " + word + " aan?", "nl").matches().getFirst().shortAnswer())
			.isEqualTo("Gebruik de koppelset van de " + word + ".");
		answers.prepare();
		assertThat(answers.ready()).isTrue();
	}

	@Test
	void aNewArticleIsLearnedInTheBackgroundAfterABurstOfChanges() throws Exception {
		KnowledgeAnswers answers = answers(Duration.ofMillis(200));
		answers.prepare();
		String fresh = "wordt" + UUID.randomUUID().toString().substring(0, 8);
		Article covering = article("Een " + word + " afdekken", "Leg het " + fresh + " deksel erop.",
				List.of("hoe dek ik de " + word + " af", "deksel voor de " + word));
		for (int i = 0; i < 5; i++) {
			announce(answers, covering);
		}
		assertThat(answers.ready()).isFalse();

		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!answers.ready() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(answers.ready()).as("trained without a question asking for it").isTrue();
		assertThat(answers.understand("hoe dek ik de " + word + " af?", "nl").matches().getFirst().label())
			.isEqualTo(covering.translationGroup().toString());
		answers.stop();
	}
}
