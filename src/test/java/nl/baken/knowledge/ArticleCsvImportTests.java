package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import nl.baken.ApiTestSupport;
import nl.baken.RandomInput;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Articles from a CSV export: quoting, multi-line cells, translations linked by key, row-precise errors. */
class ArticleCsvImportTests extends ApiTestSupport {

	static final String HEADER = "key,language,slug,category,title,owner,reviewBy,visibility,tags,reasons,shortAnswer,"
			+ "questions,body\n";

	@Autowired
	ArticleImport importer;

	@Autowired
	Articles articles;

	@Test
	void rowsBecomeDraftsWithQuotedCommasAndLinesKept() {
		List<ArticleImport.Parsed> parsed = ArticleImport.parseCsv(new ArticleImport.Source("faq.csv", HEADER + """
				gift,nl,cadeaubon,payment,"Betalen met een cadeaubon, kan dat?",anna,2027-06-01,public,"cadeau, bon",\
				payment,Ja: vul de code in bij het afrekenen.,"Kan ik met een cadeaubon betalen?
				Cadeaukaart gebruiken","Vul bij **afrekenen** de code in.

				Restwaarde blijft staan."
				gift,en,gift-card,payment,Paying with a gift card,anna,,internal,,,Yes: enter the code at checkout.,,\
				Enter the code at checkout.
				"""));
		assertThat(parsed).hasSize(2);
		ArticleDraft nl = parsed.getFirst().draft();
		assertThat(parsed.getFirst().key()).isEqualTo("gift");
		assertThat(nl.title()).isEqualTo("Betalen met een cadeaubon, kan dat?");
		assertThat(nl.tags()).containsExactly("cadeau", "bon");
		assertThat(nl.exampleQuestions()).containsExactly("Kan ik met een cadeaubon betalen?", "Cadeaukaart gebruiken");
		assertThat(nl.bodyMarkdown()).isEqualTo("Vul bij **afrekenen** de code in.\n\nRestwaarde blijft staan.");
		assertThat(nl.reviewBy()).isEqualTo(LocalDate.of(2027, 6, 1));
		ArticleDraft en = parsed.get(1).draft();
		assertThat(en.visibility()).isEqualTo(Visibility.INTERNAL);
		assertThat(en.reviewBy()).isNull();
		assertThat(en.exampleQuestions()).isEmpty();
	}

	@Test
	void errorsNameTheFileTheRowAndWhatIsWrong() {
		assertThatThrownBy(() -> ArticleImport.parseCsv(new ArticleImport.Source("a.csv", "key,colour\nx,red\n")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("unknown column 'colour'");
		assertThatThrownBy(() -> ArticleImport.parseCsv(new ArticleImport.Source("a.csv", HEADER
				+ "k,nl,s,payment,Titel,anna,,,,,Kort,,Body\nk2,nl,s2,payment,,anna,,,,,Kort,,Body\n")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("a.csv row 3 lacks 'title'");
		assertThatThrownBy(() -> ArticleImport.parseCsv(new ArticleImport.Source("a.csv", HEADER
				+ "k,nl,s,payment,Titel,anna,volgende week,,,,Kort,,Body\n")))
			.hasMessage("a.csv row 2: reviewBy is a date like 2027-06-01");
		assertThatThrownBy(() -> ArticleImport.parseCsv(new ArticleImport.Source("a.csv", HEADER
				+ "k,nl,s,payment,Titel,anna,,secret,,,Kort,,Body\n")))
			.hasMessageContaining("a.csv row 2: visibility is");
		assertThatThrownBy(() -> ArticleImport.parseCsv(new ArticleImport.Source("a.csv", HEADER
				+ "k,nl,s,payment,\"Titel,anna\n")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("a.csv is not valid CSV");
		assertThatThrownBy(() -> ArticleImport.parseCsv(new ArticleImport.Source("a.csv", HEADER + "k,nl,s\n")))
			.hasMessageContaining("a.csv row 2 has 3 cells");
	}

	@Test
	void anyTextIsEitherArticlesOrAClearError() {
		RandomInput.tries(300, random -> {
			String text = random.nextBoolean() ? HEADER + RandomInput.text(random, 300) : RandomInput.text(random, 300);
			try {
				ArticleImport.parseCsv(new ArticleImport.Source("r.csv", text));
			}
			catch (InvalidInputException expected) {
				assertThat(expected.getMessage()).startsWith("r.csv");
			}
		});
	}

	@Test
	void importingACsvCreatesLinkedTranslationsAndAgainChangesNothing() {
		String slug = "csv-" + unique("a").substring(0, 8).toLowerCase();
		String csv = HEADER + """
				%s,nl,%s-nl,payment,Cadeaubon gebruiken,anna,,public,,,Vul de code in bij het afrekenen.,,Tekst
				%s,en,%s-en,payment,Using a gift card,anna,,public,,,Enter the code at checkout.,,Text
				""".formatted(slug, slug, slug, slug);
		ArticleImport.Outcome first = importer.importSources("payment;Betalen;Payment\n",
				List.of(new ArticleImport.Source("gift.csv", csv)), Actor.system("test"));
		assertThat(first.created()).isEqualTo(2);
		Article nl = articles.list("nl", null, null).stream().filter(a -> a.slug().equals(slug + "-nl")).findFirst()
			.orElseThrow();
		assertThat(articles.translations(nl.id())).containsKeys("nl", "en");
		assertThat(articles.translations(nl.id()).get("en").slug()).isEqualTo(slug + "-en");

		ArticleImport.Outcome again = importer.importSources(null, List.of(new ArticleImport.Source("gift.csv", csv)),
				Actor.system("test"));
		assertThat(again.unchanged()).isEqualTo(2);
	}

	@Autowired
	nl.baken.access.Users users;

	/** The editor's upload on the knowledge list: a good file is imported, a bad one changes nothing and says why. */
	@Test
	void anEditorUploadsACsvAndABadOneIsRefusedWithItsRow() throws Exception {
		String editor = "editor-" + unique("e").substring(0, 8);
		users.create(new nl.baken.access.NewUser(editor, "Editor", "wachtwoord-" + unique("p"),
				java.util.EnumSet.of(nl.baken.access.Role.KNOWLEDGE_EDITOR), null, "en"), Actor.system("test"));
		articles.defineCategory(new Category("payment", "Betalen", "Payment", 0));
		String slug = "up-" + unique("u").substring(0, 8).toLowerCase();
		var good = csv("upload.csv", "%s,nl,%s,payment,Geüpload artikel,anna,,public,,,Kort antwoord,,Tekst\n"
			.formatted(slug, slug));
		var result = upload(good, editor, "KNOWLEDGE_EDITOR");
		assertThat(result).hasStatus(org.springframework.http.HttpStatus.FOUND)
			.flash()
			.containsEntry("imported", List.of(1, 0, 0));
		assertThat(articles.list("nl", null, null)).extracting(Article::slug).contains(slug);

		assertThat(upload(csv("bad.csv", "%s-2,nl,%s-2,payment,,anna,,,,,Kort,,Tekst\n".formatted(slug, slug)), editor,
				"KNOWLEDGE_EDITOR")).flash().containsEntry("importRefused", "bad.csv row 2 lacks 'title'");
		assertThat(upload(csv("cat.csv", "%s-3,nl,%s-3,no-such-category,Titel,anna,,,,,Kort,,Tekst\n"
			.formatted(slug, slug)), editor, "KNOWLEDGE_EDITOR")).flash()
			.containsEntry("importRefused", "cat.csv row 2: category 'no-such-category' does not exist");
		assertThat(articles.list("nl", null, null)).extracting(Article::slug).doesNotContain(slug + "-2");

		// the page after the redirect, in the same (database-stored) session, shows the outcome
		assertThat(result.getResponse().getCookie("SESSION")).isNotNull();
		assertThat(mvc.get().uri("/desk/knowledge").cookie(result.getResponse().getCookie("SESSION"))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(editor)
				.roles("KNOWLEDGE_EDITOR"))
			.exchange()
			.getResponse()
			.getContentAsString()).contains("Imported: 1 new, 0 updated, 0 unchanged.");

		assertThat(upload(good, "agent-x", "AGENT")).hasStatus(org.springframework.http.HttpStatus.FORBIDDEN);
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult upload(
			org.springframework.mock.web.MockMultipartFile file, String user, String role) {
		return mvc.post()
			.uri("/desk/knowledge/import")
			.multipart()
			.file(file)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(user)
				.roles(role))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.exchange();
	}

	private static org.springframework.mock.web.MockMultipartFile csv(String name, String rows) {
		return new org.springframework.mock.web.MockMultipartFile("files", name, "text/csv",
				(HEADER + rows).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}
}
