package nl.baken.answering.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bot's dialogs as data ({@code answering/dialogs.json}): which contact reasons need details, the details (slots)
 * with how each is recognised in free text and normalised, the texts in Dutch and English, and the words that mean
 * yes, no or "let me talk to a person". Checked when loaded: every text in both languages, every slot of a known type.
 */
public final class DialogDefinitions {

	public static final List<String> LANGUAGES = List.of("nl", "en");

	public static final String URGENT = "urgent";

	public static final String UPSET = "upset";

	/**
	 * Words and phrases per language. {@code negations} are single words that, just before an urgent or upset phrase
	 * in the same clause, take it back ("niet dringend", "not angry"); {@code smallTalk} are greetings and openers
	 * ("hallo", "ik heb een vraag") that say nothing yet about what the customer wants.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Words(Map<String, List<String>> person, Map<String, List<String>> yes, Map<String, List<String>> no,
			Map<String, List<String>> urgent, Map<String, List<String>> upset, Map<String, List<String>> negations,
			Map<String, List<String>> smallTalk) {
	}

	/** How one kind of detail is found in a message: a pattern, groups that must be there, and its clean form. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record SlotType(String pattern, List<Integer> required, String format, boolean upperCase,
			Map<String, String> label, Map<String, String> prompt, Map<String, String> invalid) {

		public SlotType {
			required = required == null ? List.of() : List.copyOf(required);
		}
	}

	/** A detail a dialog asks for; {@code prompt} overrides the type's question. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Slot(String name, String type, Map<String, String> prompt) {
	}

	/**
	 * A dialog: the articles (slugs) whose questions start it, the contact reason and routing topic it gives the
	 * conversation, the slots in order, and what follows.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Dialog(String id, List<String> articles, String reason, String topic, List<Slot> slots,
			String then) {

		public static final String LOOKUP = "order-status-lookup";

		public static final String HAND_OFF = "hand-off";

		public Dialog {
			articles = List.copyOf(articles);
			slots = List.copyOf(slots);
		}

		public Optional<Slot> slot(String name) {
			return slots.stream().filter(s -> s.name().equals(name)).findFirst();
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record File(Words words, Map<String, SlotType> slotTypes, List<Dialog> dialogs) {
	}

	// plain(): accents, then anything but letters, digits and the characters of an address, then full stops
	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern OTHER = Pattern.compile("[^\\p{L}\\p{N}@.'-]+");

	private static final Pattern FULL_STOPS = Pattern.compile("[.]+(\\s|$)");

	/** Where a clause ends: a negation before it says nothing about the words after it ("werkt niet, belachelijk"). */
	private static final Pattern CLAUSE_END = Pattern.compile("[,;:!?()\\[\\]\\n\\r]+|[.]+(\\s|$)|\\s[-\u2013\u2014]+\\s");

	/** What plain() leaves of punctuation between words: a dash or full stop standing alone. */
	private static final Pattern LONE_MARKS = Pattern.compile("(?<=^|\\s)[-.'@]+(?=\\s|$)");

	/** How many words before a phrase a negation reaches: "not angry", "not really angry", "niet zo dringend". */
	private static final int NEGATION_REACH = 2;

	/** Three exclamation marks, or "!?!" and the like. */
	private static final Pattern SHOUTING = Pattern.compile("!{3,}|[!?]*![!?]*\\?[!?]*!");

	private static DialogDefinitions bundled;

	/** The word lists' phrases of both languages, plain and between spaces, made once: every message is checked. */
	private final List<String> person;

	private final List<String> yes;

	private final List<String> no;

	private final List<String> urgent;

	private final List<String> upset;

	private final Set<String> negations;

	/** Longest first, so "ik heb een vraag" goes before "een vraag" and "vraag". */
	private final List<String> smallTalk;

	private final Map<String, SlotType> slotTypes;

	private final Map<String, Pattern> patterns = new LinkedHashMap<>();

	private final List<Dialog> dialogs;

	private DialogDefinitions(File file) {
		Words words = file.words();
		this.slotTypes = Map.copyOf(file.slotTypes());
		this.dialogs = List.copyOf(file.dialogs());
		file.slotTypes().forEach((name, type) -> {
			patterns.put(name, Pattern.compile(type.pattern()));
			bothLanguages("slot type " + name + " label", type.label());
			bothLanguages("slot type " + name + " prompt", type.prompt());
			bothLanguages("slot type " + name + " invalid", type.invalid());
		});
		for (Dialog dialog : dialogs) {
			if (!Dialog.LOOKUP.equals(dialog.then()) && !Dialog.HAND_OFF.equals(dialog.then())) {
				throw new IllegalStateException("dialog " + dialog.id() + ": then is " + Dialog.LOOKUP + " or "
						+ Dialog.HAND_OFF + ", not " + dialog.then());
			}
			for (Slot slot : dialog.slots()) {
				if (!slotTypes.containsKey(slot.type())) {
					throw new IllegalStateException("dialog " + dialog.id() + ": unknown slot type " + slot.type());
				}
				if (slot.prompt() != null) {
					bothLanguages("dialog " + dialog.id() + " slot " + slot.name(), slot.prompt());
				}
			}
		}
		for (Map<String, List<String>> list : Arrays.asList(words.person(), words.yes(), words.no(), words.urgent(),
				words.upset(), words.negations(), words.smallTalk())) {
			for (String language : LANGUAGES) {
				if (list == null || list.getOrDefault(language, List.of()).isEmpty()) {
					throw new IllegalStateException("dialog words lack " + language);
				}
			}
		}
		this.person = padded(words.person());
		this.yes = padded(words.yes());
		this.no = padded(words.no());
		this.urgent = padded(words.urgent());
		this.upset = padded(words.upset());
		this.negations = LANGUAGES.stream()
			.flatMap(lang -> words.negations().get(lang).stream())
			.map(DialogDefinitions::plain)
			.collect(Collectors.toUnmodifiableSet());
		this.smallTalk = padded(words.smallTalk()).stream()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
	}

	private static void bothLanguages(String what, Map<String, String> texts) {
		for (String language : LANGUAGES) {
			if (texts == null || texts.get(language) == null || texts.get(language).isBlank()) {
				throw new IllegalStateException(what + " has no " + language + " text");
			}
		}
	}

	/** The bundled definitions, read once: the bot and the escalation of waiting customers share them. */
	public static synchronized DialogDefinitions bundled() {
		if (bundled == null) {
			bundled = read();
		}
		return bundled;
	}

	private static DialogDefinitions read() {
		try (InputStream in = DialogDefinitions.class.getResourceAsStream("/answering/dialogs.json")) {
			if (in == null) {
				throw new IllegalStateException("answering/dialogs.json is not on the class path");
			}
			return new DialogDefinitions(JsonMapper.builder().build().readValue(in, File.class));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public List<Dialog> dialogs() {
		return dialogs;
	}

	public Optional<Dialog> dialog(String id) {
		return dialogs.stream().filter(d -> d.id().equals(id)).findFirst();
	}

	/** The dialog a question matched to this article starts, if it needs details. */
	public Optional<Dialog> forArticle(String slug) {
		return slug == null ? Optional.empty() : dialogs.stream().filter(d -> d.articles().contains(slug)).findFirst();
	}

	public SlotType type(String name) {
		return slotTypes.get(name);
	}

	/** The question for a slot in a language ({@code nl} or {@code en}). */
	public String prompt(Slot slot, String language) {
		return (slot.prompt() != null ? slot.prompt() : type(slot.type()).prompt()).get(language);
	}

	/**
	 * The first value of this type in the text, normalised ({@code th 100234} → {@code TH-100234}); empty when none
	 * is there or a required part is missing.
	 */
	public Optional<String> extract(String type, String text) {
		SlotType slotType = slotTypes.get(type);
		Matcher m = patterns.get(type).matcher(text);
		while (m.find()) {
			boolean complete = slotType.required().stream().allMatch(g -> m.group(g) != null);
			if (complete) {
				String value = slotType.format();
				for (int g = m.groupCount(); g >= 1; g--) {
					String part = m.group(g) == null ? "" : m.group(g).replaceAll("\\s+", "");
					value = value.replace("$" + g, part);
				}
				value = value.strip().replaceAll("\\s+", " ");
				return Optional.of(slotType.upperCase() ? value.toUpperCase(Locale.ROOT) : value);
			}
		}
		return Optional.empty();
	}

	public boolean asksForPerson(String text) {
		return contains(text, person);
	}

	/**
	 * How the customer sounds: {@code urgent} when they say it cannot wait (danger, damage happening now, fraud),
	 * {@code upset} when they are angry or fed up (their words, or shouting: three exclamation marks, or a message of
	 * at least a few words in capitals), null otherwise. These are also the hand-off reasons.
	 */
	public String feeling(String text) {
		List<String> clauses = CLAUSE_END.splitAsStream(text.replace('\u2019', '\''))
			.map(clause -> " " + plain(clause) + " ")
			.toList();
		if (saysUnnegated(clauses, urgent)) {
			return URGENT;
		}
		return saysUnnegated(clauses, upset) || SHOUTING.matcher(text).find() || capitals(text) ? UPSET : null;
	}

	private boolean saysUnnegated(List<String> clauses, List<String> phrases) {
		for (String clause : clauses) {
			for (String phrase : phrases) {
				for (int at = clause.indexOf(phrase); at >= 0; at = clause.indexOf(phrase, at + 1)) {
					if (!negated(clause.substring(0, at))) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private boolean negated(String before) {
		String[] words = before.strip().split(" ");
		for (int i = Math.max(0, words.length - NEGATION_REACH); i < words.length; i++) {
			if (negations.contains(words[i])) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What the matcher should read of a question: without the details the dialogs collect (an order number, an e-mail
	 * address, a postcode), which say nothing about the topic and pull a short question away from it ("where's my order
	 * TH-100236?" was only a suggestion, "where's my order?" is understood). A greeting stays: with it gone, "goedemiddag,
	 * ik heb een vraag over bestelling …" became a confident wrong answer. The text itself when nothing else is left.
	 */
	public String topicOf(String text) {
		String rest = text;
		for (Pattern pattern : patterns.values()) {
			rest = pattern.matcher(rest).replaceAll(" ");
		}
		String topic = rest.strip().replaceAll("\\s+", " ");
		return plain(topic).isEmpty() || isSmallTalk(topic) ? text : topic;
	}

	/** A message of only greetings and openers ("Hallo!", "Goedemorgen, ik heb een vraag."): nothing to answer yet. */
	public boolean isSmallTalk(String text) {
		String rest = " " + LONE_MARKS.matcher(plain(text.replace('\u2019', '\''))).replaceAll(" ") + " ";
		if (rest.isBlank()) {
			return false;
		}
		for (String phrase : smallTalk) {
			String before;
			do {
				before = rest;
				rest = rest.replace(phrase, " ");
			}
			while (!rest.equals(before));
		}
		return rest.isBlank();
	}

	private static boolean capitals(String text) {
		long letters = text.codePoints().filter(Character::isLetter).count();
		long upper = text.codePoints().filter(Character::isUpperCase).count();
		return letters >= 12 && upper >= letters * 0.8;
	}

	/** A short answer that means yes (checked after {@link #isNo}, so "klopt niet" is no). */
	public boolean isYes(String text) {
		return shortAnswer(text) && !isNo(text) && contains(text, yes);
	}

	public boolean isNo(String text) {
		return shortAnswer(text) && contains(text, no);
	}

	private static boolean shortAnswer(String text) {
		return plain(text).split(" ").length <= 5;
	}

	// Whole words or phrases in either language list (customers mix languages), ignoring case and accents.
	private static boolean contains(String text, List<String> phrases) {
		return containsPlain(" " + plain(text) + " ", phrases);
	}

	private static boolean containsPlain(String plain, List<String> phrases) {
		for (String phrase : phrases) {
			if (plain.contains(phrase)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> padded(Map<String, List<String>> lists) {
		return LANGUAGES.stream()
			.flatMap(lang -> lists.getOrDefault(lang, List.of()).stream())
			.map(phrase -> " " + plain(phrase) + " ")
			.toList();
	}

	static String plain(String text) {
		String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
		return FULL_STOPS.matcher(OTHER.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").strip();
	}
}
