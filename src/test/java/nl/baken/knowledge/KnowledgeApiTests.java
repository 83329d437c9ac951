package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** Articles through the API: translations, versions with diff and restore, sanitised HTML, search and synonyms. */
@DatabaseTest
class KnowledgeApiTests extends ApiTestSupport {

	@Autowired
	KnowledgeSearch search;

	@Autowired
	Articles articles;

	String token;

	String category;

	@BeforeEach
	void category() {
		token = token();
		category = unique("cat").substring(0, 30);
		assertThat(mvc.put()
			.uri("/api/v1/knowledge/categories/" + category)
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"nameNl\":\"Bezorging\",\"nameEn\":\"Delivery\",\"position\":1}")
			.exchange()).hasStatusOk();
	}

	String article(String language, String title, String body, String shortAnswer, String extra) {
		return """
				{"language":"%s","categoryId":"%s","title":"%s","bodyMarkdown":"%s","shortAnswer":"%s",
				 "visibility":"public","owner":"anna.dejong","reviewBy":"2027-01-31","tags":["bezorging"],
				 "exampleQuestions":["Wat kost het?"],"contactReasons":["order-status"]%s}"""
			.formatted(language, category, title, body, shortAnswer, extra);
	}

	JsonNode created(String body) throws Exception {
		MvcTestResult result = post(token, "/api/v1/articles", body);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return json.readTree(result.getResponse().getContentAsString());
	}

	@Test
	void translationsAreLinkedAndVersionsCanBeComparedAndRestored() throws Exception {
		String word = "zwembadhoes" + System.nanoTime();
		JsonNode nl = created(article("nl", "Kosten voor bezorging " + word, "Eerste tekst.", "Gratis vanaf 50 euro.", ""));
		String id = nl.get("id").asString();
		JsonNode en = created(article("en", "Delivery costs " + word, "First text.", "Free from 50 euros.",
				",\"translationOf\":\"" + id + "\""));
		JsonNode detail = get(token, "/api/v1/articles/" + id);
		assertThat(detail.get("translations").get("en").asString()).isEqualTo(en.get("id").asString());
		assertThat(nl.get("slug").asString()).startsWith("kosten-voor-bezorging-");

		// a second English version of the same article is refused
		assertThat(post(token, "/api/v1/articles", article("en", "Other " + word, "x", "y",
				",\"translationOf\":\"" + id + "\""))).hasStatus(HttpStatus.CONFLICT);

		MvcTestResult edit = mvc.put()
			.uri("/api/v1/articles/" + id)
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(article("nl", "Kosten voor bezorging " + word, "Tweede tekst.", "Gratis vanaf 60 euro.",
					",\"baseVersion\":1"))
			.exchange();
		assertThat(edit).hasStatusOk();
		assertThat(json.readTree(edit.getResponse().getContentAsString()).get("version").asInt()).isEqualTo(2);

		// an editor who started from version 1 cannot overwrite version 2
		assertThat(mvc.put()
			.uri("/api/v1/articles/" + id)
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(article("nl", "Kosten " + word, "Derde.", "Iets.", ",\"baseVersion\":1"))
			.exchange()).hasStatus(HttpStatus.CONFLICT);

		JsonNode diff = get(token, "/api/v1/articles/" + id + "/diff?from=1&to=2");
		assertThat(diff.valueStream().map(l -> l.get("kind").asString() + ":" + l.get("text").asString()).toList())
			.contains("REMOVED:Eerste tekst.", "ADDED:Tweede tekst.", "REMOVED:> Gratis vanaf 50 euro.",
					"ADDED:> Gratis vanaf 60 euro.");

		MvcTestResult restored = post(token, "/api/v1/articles/" + id + "/versions/1/restore", "{}");
		assertThat(restored).hasStatusOk();
		JsonNode now = json.readTree(restored.getResponse().getContentAsString());
		assertThat(now.get("version").asInt()).isEqualTo(3);
		assertThat(now.get("bodyMarkdown").asString()).isEqualTo("Eerste tekst.");
		JsonNode versions = get(token, "/api/v1/articles/" + id + "/versions");
		assertThat(versions.valueStream().map(v -> v.get("version").asInt()).toList()).containsExactly(3, 2, 1);
		assertThat(versions.get(0).get("note").asString()).isEqualTo("restored version 1");

		// the compound "bezorgkosten" finds "kosten voor bezorging"; the index follows the restore at once
		// (other tests' articles about delivery costs share this database, so look at this test's category only)
		List<KnowledgeHit> hits = search.search("bezorgkosten " + word, Locale.of("nl"), 10)
			.stream()
			.filter(h -> h.categoryId().equals(category))
			.toList();
		assertThat(hits).extracting(KnowledgeHit::articleId).first().hasToString(id);
		assertThat(hits.getFirst().shortAnswer()).isEqualTo("Gratis vanaf 50 euro.");
		assertThat(search.search("bezorgkosten", Locale.of("nl"), 10)).extracting(h -> h.articleId().toString())
			.contains(id);
	}

	@Test
	void markdownIsRenderedAndSanitised() throws Exception {
		JsonNode a = created(article("nl", "Veilig " + System.nanoTime(),
				"**vet** <script>alert(1)</script> [klik](javascript:alert(2)) [ok](https://example.org)", "Kort.", ""));
		String html = a.get("bodyHtml").asString();
		assertThat(html).contains("<strong>vet</strong>", "href=\"https://example.org\"", "rel=\"nofollow\"")
			.doesNotContain("<script", "javascript:");
	}

	@Test
	void badInputIsAnsweredWithProblemJson() throws Exception {
		MvcTestResult tooLong = post(token, "/api/v1/articles", article("nl", "Lang " + System.nanoTime(), "Tekst.",
				"x".repeat(501), ""));
		assertThat(tooLong).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(tooLong.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(tooLong.getResponse().getContentAsString()).contains("at most 500 characters");

		MvcTestResult noCategory = post(token, "/api/v1/articles",
				article("nl", "Zonder", "x", "y", "").replace(category, "does-not-exist"));
		assertThat(noCategory).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(noCategory.getResponse().getContentAsString()).contains("does-not-exist");

		MvcTestResult badVisibility = post(token, "/api/v1/articles",
				article("nl", "Zichtbaar", "x", "y", "").replace("\"public\"", "\"secret\""));
		assertThat(badVisibility).hasStatus(HttpStatus.BAD_REQUEST);

		assertThat(post(token, "/api/v1/knowledge/synonyms", "{\"language\":\"nl\",\"terms\":[\"alleen\"]}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void synonymsAndTyposFindTheArticle() throws Exception {
		String word = "tuinkabouter" + (System.nanoTime() % 100000);
		JsonNode a = created(article("nl", "Een " + word + " terugsturen", "Zo stuur je hem terug.", "Via je account.", ""));
		String synonym = "gnoom" + (System.nanoTime() % 100000);
		assertThat(search.search(synonym, Locale.of("nl"), 5)).isEmpty();
		MvcTestResult added = post(token, "/api/v1/knowledge/synonyms",
				"{\"language\":\"nl\",\"terms\":[\"" + word + "\",\"" + synonym + "\"]}");
		assertThat(added).hasStatus(HttpStatus.CREATED);
		assertThat(search.search(synonym, Locale.of("nl"), 5)).extracting(h -> h.articleId().toString())
			.containsExactly(a.get("id").asString());
		// one letter swapped and one dropped
		String typo = word.substring(0, 4) + word.charAt(5) + word.charAt(4) + word.substring(7);
		assertThat(search.search(typo, Locale.of("nl"), 5)).extracting(h -> h.articleId().toString())
			.contains(a.get("id").asString());
		String id = json.readTree(added.getResponse().getContentAsString()).get("id").asString();
		assertThat(mvc.delete().uri("/api/v1/knowledge/synonyms/" + id).header("Authorization", token).exchange())
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(search.search(synonym, Locale.of("nl"), 5)).isEmpty();
	}

	@Test
	void draftsAndInternalArticlesStayOutOfCustomerSearch() throws Exception {
		String word = "vijverpomp" + (System.nanoTime() % 100000);
		created(article("nl", "Intern " + word, "Alleen voor agents.", "Intern.", "").replace("\"public\"", "\"internal\""));
		created(article("nl", "Concept " + word, "Nog niet af.", "Concept.", "").replace("\"public\"", "\"draft\""));
		assertThat(search.search(word, Locale.of("nl"), 5)).isEmpty();
		assertThat(search.searchForAgents(word, Locale.of("nl"), 5)).extracting(KnowledgeHit::title)
			.containsExactly("Intern " + word);
	}

	@Test
	void articlesPastTheirReviewDateOrOftenUnhelpfulNeedAttention() throws Exception {
		String word = "Verouderd " + System.nanoTime();
		JsonNode overdue = created(article("nl", word, "Tekst.", "Kort.", "").replace("2027-01-31", "2020-01-01"));
		JsonNode disliked = created(article("nl", "Onduidelijk " + word, "Tekst.", "Kort.", ""));
		JsonNode liked = created(article("nl", "Duidelijk " + word, "Tekst.", "Kort.", ""));
		java.util.UUID dislikedId = java.util.UUID.fromString(disliked.get("id").asString());
		java.util.UUID likedId = java.util.UUID.fromString(liked.get("id").asString());
		for (int i = 0; i < 3; i++) {
			articles.recordFeedback(dislikedId, false, null);
			articles.recordFeedback(likedId, false, null);
			articles.recordFeedback(likedId, true, null);
		}
		articles.recordFeedback(dislikedId, true, "wel een beetje");
		JsonNode stale = get(token, "/api/v1/articles/stale");
		List<String> ids = stale.valueStream().map(s -> s.get("id").asString()).toList();
		assertThat(ids).contains(overdue.get("id").asString(), disliked.get("id").asString())
			.doesNotContain(liked.get("id").asString());
		JsonNode first = stale.valueStream().filter(s -> s.get("id").asString().equals(overdue.get("id").asString()))
			.findFirst().orElseThrow();
		assertThat(first.get("reviewOverdue").asBoolean()).isTrue();
		assertThat(first.get("owner").asString()).isEqualTo("anna.dejong");
		JsonNode second = stale.valueStream().filter(s -> s.get("id").asString().equals(disliked.get("id").asString()))
			.findFirst().orElseThrow();
		assertThat(second.get("notHelpful").asInt()).isEqualTo(3);
		assertThat(second.get("helpful").asInt()).isEqualTo(1);
	}

	@Test
	void contactTopicsAreCheckedBeforeTheyAreShown() {
		assertThat(mvc.put()
			.uri("/api/v1/knowledge/contact-topics/billing")
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"nameNl":"Facturen","nameEn":"Invoices","phone":"020 123","hoursNl":"ma–vr","hoursEn":"Mon–Fri",
					 "position":1}""")
			.exchange()).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("E.164");
		assertThat(mvc.put()
			.uri("/api/v1/knowledge/contact-topics/billing")
			.header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"nameNl":"Facturen","nameEn":"Invoices","phone":"+31201234567","hoursNl":"ma–vr",
					 "hoursEn":"Mon–Fri","position":1}""")
			.exchange()).hasStatusOk();
	}
}
