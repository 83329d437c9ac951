package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.InboxFilter;
import nl.baken.customer.IdentityKind;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;

/** Every text a user reads exists in English and in Dutch, and every key a template uses is defined. */
class TranslationTests {

	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)}");

	@Test
	void englishAndDutchHaveTheSameKeysAndNoEmptyText() throws IOException {
		Properties english = load("/messages.properties");
		Properties dutch = load("/messages_nl.properties");
		assertThat(dutch.stringPropertyNames()).as("keys in Dutch")
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		english.forEach((key, text) -> assertThat(text.toString()).as("English %s", key).isNotBlank());
		dutch.forEach((key, text) -> assertThat(text.toString()).as("Dutch %s", key).isNotBlank());
	}

	@Test
	void everyKeyATemplateUsesIsTranslated() throws IOException {
		Set<String> used = new HashSet<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
				Matcher matcher = TEMPLATE_KEY.matcher(Files.readString(template));
				while (matcher.find()) {
					used.add(matcher.group(1));
				}
			}
		}
		assertThat(used).isNotEmpty();
		assertThat(load("/messages.properties").stringPropertyNames()).containsAll(used);
		assertThat(load("/messages_nl.properties").stringPropertyNames()).containsAll(used);
	}

	/** Keys that templates build from a code, such as {@code status.queued}, exist for every code there is. */
	@Test
	void everyCodeShownInTheDeskHasItsText() throws IOException {
		Set<String> built = new HashSet<>();
		for (ConversationStatus status : ConversationStatus.values()) {
			built.add("status." + status.code());
		}
		for (IdentityKind kind : IdentityKind.values()) {
			built.add("identity." + kind.code());
		}
		for (Actor.Kind kind : Actor.Kind.values()) {
			built.add("author." + kind.code());
		}
		for (InboxFilter.View view : InboxFilter.View.values()) {
			built.add("inbox.view." + view.code());
		}
		for (nl.baken.knowledge.Visibility visibility : nl.baken.knowledge.Visibility.values()) {
			built.add("knowledge.visibility." + visibility.code());
		}
		for (nl.baken.proactive.IncidentKind kind : nl.baken.proactive.IncidentKind.values()) {
			built.add("incidents.kind." + kind.code());
		}
		built.add("incidents.baseline.past-incidents");
		built.add("incidents.baseline.unaffected");
		built.add("language.nl");
		built.add("language.en");
		assertThat(load("/messages.properties").stringPropertyNames()).containsAll(built);
		assertThat(load("/messages_nl.properties").stringPropertyNames()).containsAll(built);
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = TranslationTests.class.getResourceAsStream(resource)) {
			properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		return properties;
	}
}
