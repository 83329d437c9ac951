package nl.baken.answering.internal;

import static nl.baken.RandomInput.oneOf;
import static nl.baken.RandomInput.text;
import static nl.baken.RandomInput.tries;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import nl.baken.answering.Answer;
import nl.baken.answering.internal.BotState.Phase;
import nl.baken.answering.internal.DialogEngine.Outcome;
import nl.baken.answering.internal.DialogEngine.Reply;
import nl.baken.answering.internal.DialogEngine.Step;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dialog engine on its own, with the real dialog definitions and the real bot texts, and a stand-in matcher that
 * recognises a few words: slot filling with format checks, re-asking, corrections, look-up outcomes, hand-offs, and
 * any text at any step.
 */
class DialogEngineTests {

	static final DialogDefinitions DEFINITIONS = DialogDefinitions.bundled();

	static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();
	static {
		MESSAGES.setBasename("messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
	}

	final DialogEngine engine = new DialogEngine(DEFINITIONS,
			(key, language, arguments) -> MESSAGES.getMessage(key, arguments.length == 0 ? null : arguments,
					Locale.of(language)), Set.of("complaint"));

	final JsonMapper json = JsonMapper.builder().build();

	static final Understanding.Known TRACK = known("bestelling-volgen", "order-status");

	static final Understanding.Known ADDRESS = known("bezorgadres-wijzigen", "change-delivery-address");

	static final Understanding.Known PAYING = known("betaalmethoden", null);

	static final Understanding.Known COMPLAINT = known("klacht-indienen", "complaint");

	static Understanding.Known known(String slug, String reason) {
		return new Understanding.Known("group-" + slug, slug, "Title of " + slug, "Short answer of " + slug,
				"http://localhost:8080/help/nl/x/" + slug, reason);
	}

	/** Understands "bestelling", "adres" and "betalen"; half sure of "factuur"; nothing else. */
	static final Function<String, Understanding> MATCHER = question -> {
		String q = question.toLowerCase(Locale.ROOT);
		if (q.contains("bestelling") || q.contains("order")) {
			return new Understanding(Answer.Decision.ANSWER, 0.9, List.of(TRACK));
		}
		if (q.contains("adres")) {
			return new Understanding(Answer.Decision.ANSWER, 0.8, List.of(ADDRESS));
		}
		if (q.contains("betalen")) {
			return new Understanding(Answer.Decision.ANSWER, 0.85, List.of(PAYING));
		}
		if (q.contains("klacht")) {
			return new Understanding(Answer.Decision.ANSWER, 0.9, List.of(COMPLAINT));
		}
		if (q.contains("factuur")) {
			return new Understanding(Answer.Decision.SUGGEST, 0.4, List.of(PAYING, TRACK));
		}
		return new Understanding(Answer.Decision.HAND_OFF, 0.1, List.of());
	};

	Step say(BotState state, String text) {
		return engine.next(state, text, MATCHER);
	}

	static String replies(Step step) {
		return String.join("\n", step.replies().stream().map(Reply::text).toList());
	}

	@Test
	void anOrderQuestionAsksForTheNumberReAsksInvalidOnesAndLooksUpAValidOne() {
		Step step = say(BotState.start("nl"), "Waar blijft mijn bestelling??");
		assertThat(step.state().phase()).isEqualTo(Phase.FILLING);
		assertThat(step.state().asking()).isEqualTo("orderNumber");
		assertThat(replies(step)).contains("Wat is je bestelnummer?");
		for (String invalid : List.of("12345", "AB-12345", "weet ik niet", "TH-1002345", "1234 AB")) {
			Step again = say(step.state(), invalid);
			assertThat(again.state().phase()).as(invalid).isEqualTo(Phase.FILLING);
			assertThat(replies(again)).as(invalid).contains("Dat lijkt geen bestelnummer").contains("TH-100234");
			assertThat(again.outcome()).isEqualTo(Outcome.CONTINUE);
		}
		Step lookup = say(say(step.state(), "12345").state(), "het is th 100234 denk ik");
		assertThat(lookup.outcome()).isEqualTo(Outcome.LOOKUP);
		assertThat(engine.orderNumber(lookup.state())).contains("TH-100234");
	}

	@Test
	void threeInvalidAnswersInARowHandOff() {
		BotState state = say(BotState.start("en"), "where is my order").state();
		Step step = say(state, "no idea");
		step = say(step.state(), "123");
		assertThat(step.outcome()).isEqualTo(Outcome.CONTINUE);
		assertThat(replies(step)).contains("That does not look like an order number");
		step = say(step.state(), "still no idea");
		assertThat(step.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(step.handOffReason()).isEqualTo("invalid-input");
	}

	@Test
	void aNumberInTheQuestionIsUsedAtOnce() {
		Step step = say(BotState.start("nl"), "Wat is de status van bestelling TH-100235?");
		assertThat(step.outcome()).isEqualTo(Outcome.LOOKUP);
		assertThat(step.state().slots()).containsEntry("orderNumber", "TH-100235");
	}

	@Test
	void lookUpOutcomesAnswerReAskOrHandOffHonestly() {
		BotState asked = say(BotState.start("nl"), "mijn bestelling TH-100234").state();
		Step found = engine.afterLookup(asked, new OrderLookup(OrderLookup.Kind.FOUND, "TH-100234", "shipped",
				LocalDate.of(2026, 11, 27), "PostNL", "https://track.example/postnl/TH-100234", null));
		assertThat(replies(found)).contains("Bestelling TH-100234: je bestelling is onderweg")
			.contains("2026-11-27")
			.contains("https://track.example/postnl/TH-100234")
			.contains("Heeft dit je vraag beantwoord?");
		assertThat(found.state().phase()).isEqualTo(Phase.FEEDBACK);

		Step missing = engine.afterLookup(asked, OrderLookup.notFound("TH-100234"));
		assertThat(missing.state().phase()).isEqualTo(Phase.FILLING);
		assertThat(replies(missing)).contains("Ik kan bestelling TH-100234 niet vinden").contains("bestelnummer");
		Step secondTry = say(missing.state(), "TH-100299");
		assertThat(secondTry.outcome()).isEqualTo(Outcome.LOOKUP);
		Step stillMissing = engine.afterLookup(secondTry.state(), OrderLookup.notFound("TH-100299"));
		assertThat(stillMissing.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(stillMissing.handOffReason()).isEqualTo("order-not-found");

		Step failed = engine.afterLookup(asked, OrderLookup.failed("TH-100234", "timeout"));
		assertThat(failed.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(failed.handOffReason()).isEqualTo("integration-failed");
		assertThat(replies(failed)).contains("bestelsysteem nu niet bereiken").doesNotContain("onderweg");
	}

	@Test
	void aFoundOrderCanBeCorrectedWithAnotherNumberAndClosedWithYes() {
		BotState asked = say(BotState.start("en"), "order TH-100234").state();
		Step found = engine.afterLookup(asked, new OrderLookup(OrderLookup.Kind.FOUND, "TH-100234", "packed", null,
				null, null, null));
		assertThat(replies(found)).contains("Order TH-100234: your order is packed");
		Step other = say(found.state(), "sorry, I meant TH-100236");
		assertThat(other.outcome()).isEqualTo(Outcome.LOOKUP);
		assertThat(other.state().slots()).containsEntry("orderNumber", "TH-100236");
		Step yes = say(found.state(), "Yes, thanks!");
		assertThat(yes.outcome()).isEqualTo(Outcome.CONTAINED);
		Step no = say(found.state(), "no");
		assertThat(no.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(no.handOffReason()).isEqualTo("not-helped");
	}

	@Test
	void anAddressChangeCollectsChecksLetsTheCustomerCorrectAndHandsOff() {
		Step step = say(BotState.start("nl"), "ik wil het adres van mijn levering aanpassen");
		assertThat(step.state().dialogId()).isEqualTo("change-address");
		step = say(step.state(), "TH-100234");
		assertThat(step.state().asking()).isEqualTo("newAddress");
		assertThat(replies(step)).contains("nieuwe bezorgadres");
		Step noNumber = say(step.state(), "1234 AB");
		assertThat(replies(noNumber)).contains("postcode én huisnummer");
		step = say(noNumber.state(), "1234ab 12");
		assertThat(step.state().phase()).isEqualTo(Phase.CONFIRM);
		assertThat(replies(step)).contains("Bestelnummer: TH-100234").contains("Postcode en huisnummer: 1234 AB 12");
		step = say(step.state(), "nee, het bestelnummer is TH-100235");
		assertThat(step.state().phase()).isEqualTo(Phase.CONFIRM);
		assertThat(replies(step)).contains("aangepast").contains("Bestelnummer: TH-100235");
		Step unclear = say(step.state(), "nee");
		assertThat(replies(unclear)).contains("Wat moet ik aanpassen?");
		step = say(step.state(), "ja klopt");
		assertThat(step.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(step.handOffReason()).isEqualTo("details-collected");
		assertThat(step.state().slots()).containsEntry("orderNumber", "TH-100235")
			.containsEntry("newAddress", "1234 AB 12");
		assertThat(step.state().reasonId()).isEqualTo("change-delivery-address");
	}

	@Test
	void anAnswerAsksWhetherItHelpedAndLowConfidenceTwiceHandsOff() {
		Step answer = say(BotState.start("nl"), "hoe kan ik betalen");
		assertThat(answer.answered()).isEqualTo(PAYING);
		assertThat(replies(answer)).contains("Short answer of betaalmethoden").contains("Heeft dit je vraag");
		Step notHelped = say(answer.state(), "nee");
		assertThat(notHelped.outcome()).isEqualTo(Outcome.CONTINUE);
		assertThat(say(notHelped.state(), "blablabla").outcome()).isEqualTo(Outcome.HAND_OFF);

		Step unsure = say(BotState.start("en"), "my factuur is weird");
		assertThat(replies(unsure)).contains("1. Title of betaalmethoden").contains("2. Title of bestelling-volgen");
		// "yes" does not say which suggestion: the bot asks for the number and counts no second miss
		Step yes = say(unsure.state(), "yes");
		assertThat(yes.replies()).extracting(Reply::kind).containsExactly("which");
		assertThat(yes.state().lowConfidence()).isEqualTo(unsure.state().lowConfidence());
		assertThat(say(yes.state(), "2").state().dialogId()).isEqualTo("order-status");
		Step picked = say(unsure.state(), "2");
		assertThat(picked.state().dialogId()).isEqualTo("order-status");
		assertThat(picked.state().question()).isEqualTo("my factuur is weird");
		assertThat(say(unsure.state(), "nr 1.").answered()).isEqualTo(PAYING);
		assertThat(say(unsure.state(), "7").outcome()).isEqualTo(Outcome.HAND_OFF);
		Step twice = say(unsure.state(), "qwerty");
		assertThat(twice.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(twice.handOffReason()).isEqualTo("low-confidence");
		assertThat(twice.state().question()).isEqualTo("my factuur is weird");
	}

	@Test
	void aDetailOnlyOneSuggestedDialogAsksForPicksThatSuggestion() {
		// "TH-100234" after "1. paying 2. where is my order": the order, looked up at once
		Step unsure = say(BotState.start("nl"), "ik snap mijn factuur niet");
		Step byOrderNumber = say(unsure.state(), "TH-100234");
		assertThat(byOrderNumber.outcome()).isEqualTo(Outcome.LOOKUP);
		assertThat(byOrderNumber.state().dialogId()).isEqualTo("order-status");
		assertThat(byOrderNumber.state().question()).isEqualTo("ik snap mijn factuur niet");
		assertThat(engine.orderNumber(byOrderNumber.state())).contains("TH-100234");

		// two offered dialogs take an order number: the bot does not guess
		Function<String, Understanding> twoDialogs = question -> question.contains("pakket")
				? new Understanding(Answer.Decision.SUGGEST, 0.4, List.of(TRACK, ADDRESS))
				: new Understanding(Answer.Decision.HAND_OFF, 0.1, List.of());
		Step ambiguous = engine.next(engine.next(BotState.start("nl"), "mijn pakket", twoDialogs).state(),
				"TH-100234", twoDialogs);
		assertThat(ambiguous.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(ambiguous.handOffReason()).isEqualTo("low-confidence");
		// a detail no offered dialog asks for picks nothing either
		Step noDialog = say(unsure.state(), "mijn e-mail is piet@example.nl");
		assertThat(noDialog.state().dialogId()).isNull();
		// a reply the bot understands on its own is a new question, with its detail
		Step newQuestion = say(unsure.state(), "nieuw adres voor TH-100234");
		assertThat(newQuestion.state().dialogId()).isEqualTo("change-address");
		assertThat(newQuestion.state().slots()).containsEntry("orderNumber", "TH-100234");
	}

	@Test
	void greetingsAndOpenersAreAnsweredWithoutCountingAsNotUnderstood() {
		Step hello = say(BotState.start("nl"), "Hallo");
		assertThat(hello.outcome()).isEqualTo(Outcome.CONTINUE);
		assertThat(replies(hello)).startsWith("Hallo! Waarmee kan ik je helpen?");
		Step opener = say(hello.state(), "Goedemorgen! Ik heb een vraagje.");
		assertThat(opener.replies()).extracting(Reply::kind).containsExactly("greeting");
		assertThat(opener.state().lowConfidence()).isZero();
		// one thing not understood after two openers is still only the first strike
		Step unclear = say(opener.state(), "blablabla");
		assertThat(unclear.outcome()).isEqualTo(Outcome.CONTINUE);
		assertThat(say(unclear.state(), "Waar blijft mijn bestelling?").state().dialogId()).isEqualTo("order-status");
		assertThat(replies(say(BotState.start("en"), "hi there, anyone there?"))).startsWith("Hello! What can I help");
		assertThat(replies(say(BotState.start("en"), "hi there, my invoice is wrong"))).doesNotContain("Hello!");
		assertThat(replies(say(BotState.start("en"), "Hi! Quick question"))).startsWith("Hello! What can I help");
		// an opener with the question in it is the question
		assertThat(say(BotState.start("nl"), "Hallo, waar blijft mijn bestelling?").state().dialogId())
			.isEqualTo("order-status");
	}

	@Test
	void theMatcherReadsTheQuestionWithoutTheDetailsInIt() {
		List<String> asked = new java.util.ArrayList<>();
		Function<String, Understanding> recording = question -> {
			asked.add(question);
			return MATCHER.apply(question);
		};
		Step step = engine.next(BotState.start("nl"), "Goedemiddag, waar blijft bestelling TH-100234?", recording);
		assertThat(asked).containsExactly("Goedemiddag, waar blijft bestelling ?");
		// the detail still fills the dialog
		assertThat(step.outcome()).isEqualTo(Outcome.LOOKUP);
		assertThat(engine.orderNumber(step.state())).contains("TH-100234");
		assertThat(step.state().question()).isEqualTo("Goedemiddag, waar blijft bestelling TH-100234?");

		assertThat(DEFINITIONS.topicOf("Hi! I have a question about my invoice"))
			.isEqualTo("Hi! I have a question about my invoice");
		assertThat(DEFINITIONS.topicOf("mijn e-mail is piet@example.nl en mijn postcode 1234 AB 5"))
			.isEqualTo("mijn e-mail is en mijn postcode");
		// nothing else there: the message itself
		assertThat(DEFINITIONS.topicOf("TH-100234")).isEqualTo("TH-100234");
		assertThat(DEFINITIONS.topicOf("Hallo TH-100234")).isEqualTo("Hallo TH-100234");
	}

	@Test
	void onlyMessagesOfNothingButOpenersAreSmallTalk() {
		List<String> openers = List.of("hallo", "Hoi", "goedemorgen", "ik heb een vraag", "Ik heb een vraagje",
				"hello", "Good afternoon", "I have a question", "quick question", "is daar iemand", "are you there");
		List<String> apart = List.of(" ", ", ", "! ", ". ", "? ", " - ", "!! ");
		tries(200, random -> {
			StringBuilder message = new StringBuilder();
			int parts = 1 + random.nextInt(3);
			for (int i = 0; i < parts; i++) {
				message.append(oneOf(random, openers)).append(oneOf(random, apart));
			}
			assertThat(DEFINITIONS.isSmallTalk(message.toString())).as(message.toString()).isTrue();
			String question = oneOf(random, List.of("retour", "bestelling", "factuur", "order", "refund", "TH-100234"));
			String withQuestion = random.nextBoolean() ? message + question : question + " " + message;
			assertThat(DEFINITIONS.isSmallTalk(withQuestion)).as(withQuestion).isFalse();
		});
		assertThat(DEFINITIONS.isSmallTalk("")).isFalse();
		assertThat(DEFINITIONS.isSmallTalk("!!!")).isFalse();
	}

	@Test
	void askingForAPersonHandsOffAtAnyStep() {
		for (String ask : List.of("Ik wil een medewerker spreken", "can I talk to a HUMAN please",
				"mag ik met iemand praten", "Real person!")) {
			assertThat(say(BotState.start("nl"), ask).handOffReason()).as(ask).isEqualTo("customer-asked");
			BotState filling = say(BotState.start("nl"), "waar is mijn bestelling").state();
			assertThat(say(filling, ask).handOffReason()).as(ask).isEqualTo("customer-asked");
		}
	}

	@Test
	void anUrgentCustomerGetsOneSentenceAndAPersonFirstInEitherLanguage() {
		Step dutch = say(BotState.start("nl"), "Er komt rook uit de accu van mijn grasmaaier");
		assertThat(dutch.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(dutch.handOffReason()).isEqualTo("urgent");
		assertThat(dutch.replies()).hasSize(1);
		assertThat(replies(dutch)).startsWith("Dit klinkt dringend.").contains("met voorrang");
		assertThat(dutch.state().question()).isEqualTo("Er komt rook uit de accu van mijn grasmaaier");
		assertThat(DialogEngine.urgency(dutch.handOffReason())).isEqualTo(3);

		Step english = say(BotState.start("en"), "URGENT: someone hacked my account and placed an order");
		assertThat(english.handOffReason()).isEqualTo("urgent");
		assertThat(replies(english)).startsWith("This sounds urgent.");
		// the order question was understood, so the hand-off still carries its reason for routing
		assertThat(english.state().reasonId()).isEqualTo("order-status");
	}

	@Test
	void anUpsetCustomerIsHandedOffWithEmpathyAndPriorityAtAnyStep() {
		for (String upset : List.of("Mijn bestelling is er nog steeds niet, belachelijk", "WAAR BLIJFT MIJN PAKKET NOU",
				"Waar is mijn bestelling!!!", "this is the third time I ask about my order", "Ik ben echt BOOS")) {
			Step step = say(BotState.start("nl"), upset);
			assertThat(step.handOffReason()).as(upset).isEqualTo("upset");
			assertThat(step.replies()).as(upset).hasSize(1);
			assertThat(replies(step)).as(upset).startsWith("Wat vervelend").contains("met voorrang");
		}
		assertThat(DialogEngine.urgency("upset")).isEqualTo(2);
		assertThat(DialogEngine.urgency("customer-asked")).isNull();
		assertThat(say(BotState.start("nl"), "Mijn bestelling is er nog steeds niet, belachelijk").state().reasonId())
			.as("what they asked still routes them").isEqualTo("order-status");

		BotState filling = say(BotState.start("en"), "where is my order").state();
		Step midDialog = say(filling, "this is ridiculous, I already gave it twice");
		assertThat(midDialog.handOffReason()).isEqualTo("upset");
		assertThat(replies(midDialog)).startsWith("I am sorry this has gone wrong");
		assertThat(midDialog.state().dialogId()).isEqualTo(filling.dialogId());
	}

	@Test
	void calmQuestionsWithQuestionMarksOrACapitalAreNotUpset() {
		for (String calm : List.of("Waar blijft mijn bestelling??", "Hoe laat komt DHL?", "Is de BBQ leverbaar?!",
				"Ik wil mijn adres wijzigen.", "Can I pay with iDEAL?", "Thanks!")) {
			assertThat(DEFINITIONS.feeling(calm)).as(calm).isNull();
		}
		assertThat(say(BotState.start("nl"), "Waar blijft mijn bestelling??").outcome()).isEqualTo(Outcome.CONTINUE);
	}

	@Test
	void anUrgentWordIsFoundWhateverSurroundsIt() {
		List<String> words = List.of("dringend", "spoed", "noodgeval", "kortsluiting", "emergency", "asap", "fraud",
				"gehackt");
		tries(200, random -> {
			String word = oneOf(random, words);
			String before = text(random, 40).replaceAll("\\p{L}", "x");
			String after = text(random, 40).replaceAll("\\p{L}", "x");
			String written = random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word;
			String message = before + " " + written + oneOf(random, List.of("", ".", ",", "?", " ", "!")) + " " + after;
			assertThat(DEFINITIONS.feeling(message)).as(message).isEqualTo(DialogDefinitions.URGENT);
		});
	}

	@Test
	void fedUpCustomersAreHeardTheWayTheyWriteIt() {
		for (String upset : List.of("Dit is nu al de derde keer dat ik bel, ik ben het echt zat, waar blijft mijn geld?",
				"Ik ben het spuugzat", "Ik ben het beu, al dagen geen antwoord", "Voor de zoveelste keer: waar is mijn pakket",
				"This is the fourth time I ask", "I have had enough of this", "Waiting for days now")) {
			assertThat(DEFINITIONS.feeling(upset)).as(upset).isEqualTo(DialogDefinitions.UPSET);
		}
		for (String calm : List.of("Er zat een kras op de deur", "Wat zat er in het pakket?",
				"Hoeveel dagen duurt de levering?", "Kan ik voor de derde bestelling korting krijgen?")) {
			assertThat(DEFINITIONS.feeling(calm)).as(calm).isNull();
		}
	}

	@Test
	void aNegatedWordIsNotTakenForUpsetOrUrgent() {
		for (String calm : List.of("Ik ben niet boos, maar wanneer komt mijn pakket?", "Het is niet dringend hoor",
				"Geen spoed, volgende week is ook goed", "Niet zo dringend, maar kunt u me terugbellen?",
				"I'm not angry, just curious where my order is", "It isn't urgent", "It isn\u2019t urgent at all",
				"No rush, not an emergency", "I was never disappointed by you")) {
			assertThat(DEFINITIONS.feeling(calm)).as(calm).isNull();
		}
	}

	@Test
	void aNegationInAnotherClauseOrFurtherBackTakesNothingBack() {
		for (String upset : List.of("Het werkt niet, belachelijk!", "Het werkt nog steeds niet", "Not only late but rude",
				"I'm not just disappointed, I'm furious", "Niet geleverd. Schandalig", "I did not get it - useless")) {
			assertThat(DEFINITIONS.feeling(upset)).as(upset).isEqualTo(DialogDefinitions.UPSET);
		}
		assertThat(DEFINITIONS.feeling("Dit is geen grap er komt rook uit de meterkast"))
			.isEqualTo(DialogDefinitions.URGENT);
	}

	@Test
	void aNegationCountsOnlyWithinTwoWordsInTheSameClause() {
		List<String> negations = List.of("niet", "geen", "nooit", "not", "no", "never", "isn't", "don't");
		List<String> filler = List.of("echt", "zo", "heel", "really", "that", "at", "all", "het", "is", "it", "my");
		tries(300, random -> {
			String word = oneOf(random, List.of("dringend", "noodgeval", "emergency", "urgent", "fraud"));
			int between = random.nextInt(4);
			String apart = oneOf(random, List.of(" ", " ", ", ", ". ", " - ", "! "));
			StringBuilder message = new StringBuilder(oneOf(random, filler)).append(' ')
				.append(oneOf(random, negations))
				.append(apart);
			for (int i = 0; i < between; i++) {
				message.append(oneOf(random, filler)).append(' ');
			}
			message.append(random.nextBoolean() ? word : word.toUpperCase(Locale.ROOT));
			boolean negated = apart.equals(" ") && between < 2;
			assertThat(DEFINITIONS.feeling(message.toString())).as(message.toString())
				.isEqualTo(negated ? null : DialogDefinitions.URGENT);
		});
	}

	@Test
	void customersAskingPlainQuestionsAreRarelyTakenForUpsetOrUrgent() throws Exception {
		// the Dutch knowledge test's 116 questions as customers write them: two are dissatisfied customers
		List<String> questions;
		try (var in = DialogEngineTests.class.getResourceAsStream("/knowledge/bot-questions-nl.csv")) {
			questions = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
				.skip(1)
				.map(line -> line.substring(0, line.lastIndexOf(',')))
				.toList();
		}
		List<String> flagged = questions.stream().filter(q -> DEFINITIONS.feeling(q) != null).toList();
		assertThat(questions).hasSizeGreaterThanOrEqualTo(100);
		assertThat(flagged).as("taken for upset or urgent").hasSizeLessThanOrEqualTo(3)
			.allSatisfy(q -> assertThat(q).containsAnyOf("ontevreden", "weken"));
	}

	@Test
	void aHumanOnlyContactReasonGoesToAPersonWithoutAnAnswer() {
		Step step = say(BotState.start("nl"), "Ik wil een klacht indienen over de bezorger");
		assertThat(step.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(step.handOffReason()).isEqualTo("human-only");
		assertThat(step.answered()).isNull();
		assertThat(step.state().reasonId()).isEqualTo("complaint");
		assertThat(replies(step)).contains("persoonlijk").doesNotContain("Short answer");
		assertThat(DialogEngine.urgency(step.handOffReason())).isNull();
	}

	@Test
	void anyTextAtAnyStepGivesAStepAndAStateThatSurvivesStorage() {
		List<String> phrases = List.of("waar is mijn bestelling", "adres wijzigen", "betalen", "factuur", "ja", "nee",
				"TH-100234", "th100235", "12345", "AB-1234567", "1234 AB 12", "1234AB", "iemand@example.com",
				"medewerker", "", "   ", "klopt niet", "yes", "no", "TH-100234 en 9999 ZZ 1");
		tries(300, random -> {
			BotState state = BotState.start(random.nextBoolean() ? "nl" : "en");
			for (int turn = 0; turn < 12 && !state.finished(); turn++) {
				String text = random.nextInt(3) == 0 ? text(random, 300) : oneOf(random, phrases);
				Step step = say(state, text);
				if (step.outcome() == Outcome.LOOKUP) {
					step = engine.afterLookup(step.state(), lookup(random, engine.orderNumber(step.state()).orElseThrow()));
				}
				assertThat(step.replies()).as("a reply to %s in %s", text, state.phase()).isNotEmpty();
				if (state.phase() == Phase.FILLING && "orderNumber".equals(state.asking())
						&& DEFINITIONS.extract("order-number", text).isEmpty() && !DEFINITIONS.asksForPerson(text)) {
					assertThat(step.state().phase() == Phase.FILLING || step.outcome() == Outcome.HAND_OFF).isTrue();
					assertThat(replies(step)).containsAnyOf("Dat lijkt geen bestelnummer",
							"That does not look like an order number", "collega", "colleague");
				}
				BotState stored = json.readValue(json.writeValueAsString(step.state()), BotState.class);
				assertThat(stored).isEqualTo(step.state());
				state = stored;
			}
		});
	}

	static OrderLookup lookup(Random random, String number) {
		return switch (random.nextInt(3)) {
			case 0 -> new OrderLookup(OrderLookup.Kind.FOUND, number, "shipped", null, null, null, null);
			case 1 -> OrderLookup.notFound(number);
			default -> OrderLookup.failed(number, "timeout");
		};
	}

	@Test
	void slotTypesRecogniseAndNormaliseValuesInFreeText() {
		assertThat(DEFINITIONS.extract("order-number", "mijn nummer is th 100234.")).contains("TH-100234");
		assertThat(DEFINITIONS.extract("order-number", "KG-200117")).contains("KG-200117");
		assertThat(DEFINITIONS.extract("order-number", "TH-1002345")).isEmpty();
		assertThat(DEFINITIONS.extract("order-number", "XTH-100234")).isEmpty();
		assertThat(DEFINITIONS.extract("postcode", "Dorpsstraat 5, 1234ab, nr 5a")).contains("1234 AB 5A");
		assertThat(DEFINITIONS.extract("postcode", "1234ab nr 5a")).contains("1234 AB 5A");
		assertThat(DEFINITIONS.extract("postcode", "postcode 1234 AB huisnummer 12")).contains("1234 AB 12");
		assertThat(DEFINITIONS.extract("postcode", "1234 AB")).isEmpty();
		assertThat(DEFINITIONS.extract("postcode", "1234 AB 12")).contains("1234 AB 12");
		assertThat(DEFINITIONS.extract("email", "mail: Jan.de.Vries@Example.nl graag")).contains("Jan.de.Vries@Example.nl");
		assertThat(DEFINITIONS.extract("email", "jan@@example")).isEmpty();
		assertThat(DEFINITIONS.isYes("Ja, klopt!")).isTrue();
		assertThat(DEFINITIONS.isYes("klopt niet")).isFalse();
		assertThat(DEFINITIONS.isNo("klopt niet")).isTrue();
	}

	/**
	 * An incident's status answers the first question and asks whether it helped: yes ends the dialog, no hands off;
	 * in the middle of a dialog, or when the customer asks for a person or is upset, the status comes first in the same
	 * message.
	 */
	@Test
	void anIncidentsStatusAnswersFirstAndTheDialogGoesOn() {
		List<String> status = List.of("Dit is bij ons bekend: Pakketten later. Uw pakket komt morgen.");
		Step told = engine.incidentStatus(BotState.start("nl"), "Waar blijft mijn bestelling?", status, MATCHER);
		assertThat(told.outcome()).isEqualTo(Outcome.CONTINUE);
		assertThat(told.state().phase()).isEqualTo(Phase.FEEDBACK);
		assertThat(told.replies()).extracting(Reply::kind).containsExactly("incident", "feedback");
		assertThat(replies(told)).startsWith(status.getFirst()).contains("(ja / nee)");
		assertThat(told.state().question()).isEqualTo("Waar blijft mijn bestelling?");

		assertThat(say(told.state(), "ja").outcome()).isEqualTo(Outcome.CONTAINED);
		Step no = say(told.state(), "nee");
		assertThat(no.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(no.handOffReason()).isEqualTo("not-helped");

		Step filling = say(BotState.start("nl"), "Waar is mijn bestelling?");
		assertThat(filling.state().phase()).isEqualTo(Phase.FILLING);
		Step midDialog = engine.incidentStatus(filling.state(), "12", status, MATCHER);
		assertThat(midDialog.replies().getFirst().kind()).isEqualTo("incident");
		assertThat(midDialog.replies()).hasSizeGreaterThan(1);
		assertThat(midDialog.state().phase()).isNotEqualTo(Phase.FEEDBACK);

		Step person = engine.incidentStatus(BotState.start("nl"), "medewerker", status, MATCHER);
		assertThat(person.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(person.replies().getFirst().kind()).isEqualTo("incident");

		// an upset customer hears the status too, and then a person takes over with priority
		Step upset = engine.incidentStatus(BotState.start("nl"), "Mijn bestelling is er nog steeds niet!!!", status,
				MATCHER);
		assertThat(upset.outcome()).isEqualTo(Outcome.HAND_OFF);
		assertThat(upset.handOffReason()).isEqualTo("upset");
		assertThat(upset.replies()).extracting(Reply::kind).containsExactly("incident", "hand-off");
	}
}
