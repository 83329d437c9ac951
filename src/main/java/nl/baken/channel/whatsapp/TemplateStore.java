package nl.baken.channel.whatsapp;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Which outbound messages go out as a WhatsApp template, with its name, language and body parameters. */
@Repository
class TemplateStore {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	TemplateStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Template(String name, String language, List<String> parameters) {

		Template {
			parameters = List.copyOf(parameters);
		}
	}

	/** Stores the template of a message once; a retried request with the same idempotency key adds nothing. */
	void insertOnce(UUID messageId, Template template) {
		if (find(messageId).isEmpty()) {
			jdbc.sql("insert into whatsapp_template_message (message_id, name, language, parameters) values (?, ?, ?, ?)")
				.params(messageId, template.name(), template.language(), json.writeValueAsString(template.parameters()))
				.update();
		}
	}

	Optional<Template> find(UUID messageId) {
		return jdbc.sql("select name, language, parameters from whatsapp_template_message where message_id = ?")
			.param(messageId)
			.query((rs, row) -> new Template(rs.getString("name"), rs.getString("language"),
					json.readValue(rs.getString("parameters"), STRINGS)))
			.optional();
	}
}
