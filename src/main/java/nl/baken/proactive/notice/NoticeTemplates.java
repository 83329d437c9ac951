package nl.baken.proactive.notice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import nl.baken.proactive.NotificationTemplate;
import nl.baken.proactive.NotificationTemplates;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification kinds and their templates. A template is checked when it is saved: it may only use the
 * placeholders its kind names, so a typo is refused here instead of producing a broken message later.
 */
@Service
class NoticeTemplates implements NotificationTemplates {

	static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,79}");

	static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,39}");

	static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

	static final Pattern WHATSAPP_NAME = Pattern.compile("[a-z0-9_]{1,512}");

	static final String WHATSAPP = "whatsapp";

	private final JdbcClient jdbc;

	private final Clock clock;

	NoticeTemplates(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<NoticeKind> kinds() {
		return jdbc.sql("select name, placeholders from notice_kind order by name")
			.query((rs, row) -> new NoticeKind(rs.getString("name"), split(rs.getString("placeholders"))))
			.list();
	}

	Optional<NoticeKind> kind(String name) {
		return jdbc.sql("select name, placeholders from notice_kind where name = ?")
			.param(name)
			.query((rs, row) -> new NoticeKind(rs.getString("name"), split(rs.getString("placeholders"))))
			.optional();
	}

	/** Defines a kind or changes its placeholders; refused when a template of it uses one no longer named. */
	@Override
	@Transactional
	public void defineKind(String name, List<String> placeholders) {
		define(name, placeholders);
	}

	@Transactional
	NoticeKind define(String name, List<String> placeholders) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new InvalidInputException("name",
					"a notification name is lower-case letters, digits and '-', starting with a letter (at most 80)");
		}
		List<String> names = placeholders.stream().map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
		for (String placeholder : names) {
			if (!PLACEHOLDER.matcher(placeholder).matches()) {
				throw new InvalidInputException("placeholders",
						"'" + placeholder + "' is not a placeholder name (letters, digits and '_')");
			}
		}
		for (NotificationTemplate template : templates(name)) {
			for (String used : usedBy(template)) {
				if (!names.contains(used)) {
					throw new InvalidInputException("placeholders", "the " + template.channel() + "/"
							+ template.language() + " template still uses {{" + used + "}}");
				}
			}
		}
		int updated = jdbc.sql("update notice_kind set placeholders = ?, updated_at = ? where name = ?")
			.params(String.join(",", names), Sql.utc(clock.instant()), name)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into notice_kind (name, placeholders, updated_at) values (?, ?, ?)")
				.params(name, String.join(",", names), Sql.utc(clock.instant()))
				.update();
		}
		return new NoticeKind(name, names);
	}

	@Override
	public List<NotificationTemplate> templates(String name) {
		return jdbc.sql("select * from notice_template where name = ? order by channel, language")
			.param(name)
			.query((rs, row) -> template(rs))
			.list();
	}

	Optional<NotificationTemplate> find(String name, String channel, String language) {
		return jdbc.sql("select * from notice_template where name = ? and channel = ? and language = ?")
			.params(name, channel, language)
			.query((rs, row) -> template(rs))
			.optional();
	}

	/** The template for this channel, else the channel-neutral one. */
	Optional<NotificationTemplate> resolve(String name, String channel, String language) {
		return find(name, channel, language).or(() -> find(name, NotificationTemplate.ANY, language));
	}

	/** Checks and stores a template; the problem names the field and what is wrong. */
	@Override
	@Transactional
	public NotificationTemplate save(NotificationTemplate template, String by) {
		NoticeKind kind = kind(template.name())
			.orElseThrow(() -> new InvalidInputException("name", "unknown notification '" + template.name() + "'"));
		if (template.channel() == null || !CHANNEL.matcher(template.channel()).matches()) {
			throw new InvalidInputException("channel", "a channel is a channel id such as email, whatsapp or 'any'");
		}
		if (template.language() == null || !template.language().matches("nl|en")) {
			throw new InvalidInputException("language", "language must be 'nl' or 'en'");
		}
		if (template.body() == null || template.body().isBlank()) {
			throw new InvalidInputException("body", "the text must not be empty");
		}
		if (template.body().length() > 4000) {
			throw new InvalidInputException("body", "the text is longer than 4000 characters");
		}
		if (template.subject() != null && template.subject().length() > 300) {
			throw new InvalidInputException("subject", "the subject is longer than 300 characters");
		}
		check("subject", template.subject(), kind);
		check("body", template.body(), kind);
		String provider = blankToNull(template.providerTemplate());
		if (WHATSAPP.equals(template.channel())) {
			if (provider == null || !WHATSAPP_NAME.matcher(provider).matches()) {
				throw new InvalidInputException("providerTemplate", "WhatsApp needs the name of the template Meta"
						+ " approved (lower-case letters, digits and '_'): only such a template may start a chat");
			}
			for (String parameter : template.providerParameters()) {
				if (!kind.placeholders().contains(parameter)) {
					throw new InvalidInputException("providerParameters",
							"'" + parameter + "' is not a placeholder of " + kind.name() + " (" + kind.placeholders()
									+ ")");
				}
			}
		}
		else if (provider != null || !template.providerParameters().isEmpty()) {
			throw new InvalidInputException("providerTemplate", "an approved provider template is for WhatsApp only");
		}
		NotificationTemplate saved = new NotificationTemplate(template.name(), template.channel(), template.language(),
				blankToNull(template.subject()), template.body().strip(), provider, template.providerParameters(),
				clock.instant(), by);
		jdbc.sql("delete from notice_template where name = ? and channel = ? and language = ?")
			.params(saved.name(), saved.channel(), saved.language())
			.update();
		jdbc.sql("""
				insert into notice_template (name, channel, language, subject, body, provider_template,
				                             provider_parameters, updated_at, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(saved.name(), saved.channel(), saved.language(), saved.subject(), saved.body(),
					saved.providerTemplate(), String.join(",", saved.providerParameters()), Sql.utc(saved.updatedAt()),
					by)
			.update();
		return saved;
	}

	@Transactional
	boolean delete(String name, String channel, String language) {
		return jdbc.sql("delete from notice_template where name = ? and channel = ? and language = ?")
			.params(name, channel, language)
			.update() == 1;
	}

	/** Every placeholder a template fills: in subject, text and WhatsApp parameters. */
	static Set<String> usedBy(NotificationTemplate template) {
		Set<String> used = new java.util.LinkedHashSet<>();
		Optional.ofNullable(Placeholders.used(template.subject())).ifPresent(used::addAll);
		Optional.ofNullable(Placeholders.used(template.body())).ifPresent(used::addAll);
		used.addAll(template.providerParameters());
		return used;
	}

	private static void check(String field, String text, NoticeKind kind) {
		Set<String> used = Placeholders.used(text);
		if (used == null) {
			throw new InvalidInputException(field,
					"a placeholder is written {{name}} with letters, digits and '_'; this text has a broken one");
		}
		List<String> unknown = new ArrayList<>(used);
		unknown.removeAll(kind.placeholders());
		if (!unknown.isEmpty()) {
			throw new InvalidInputException(field, "{{" + unknown.getFirst() + "}} is not a placeholder of "
					+ kind.name() + "; it has " + kind.placeholders());
		}
	}

	private static NotificationTemplate template(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new NotificationTemplate(rs.getString("name"), rs.getString("channel"), rs.getString("language"),
				rs.getString("subject"), rs.getString("body"), rs.getString("provider_template"),
				split(rs.getString("provider_parameters")), Sql.instant(rs, "updated_at"), rs.getString("updated_by"));
	}

	static List<String> split(String list) {
		return list == null || list.isBlank() ? List.of()
				: Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
