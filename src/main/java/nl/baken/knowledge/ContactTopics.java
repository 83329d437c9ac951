package nl.baken.knowledge;

import java.util.List;
import java.util.Optional;

import nl.baken.access.Teams;
import nl.baken.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The topics of the contact page and how each reaches its team. */
@Service
public class ContactTopics {

	private final JdbcClient jdbc;

	private final Teams teams;

	ContactTopics(JdbcClient jdbc, Teams teams) {
		this.jdbc = jdbc;
		this.teams = teams;
	}

	public List<ContactTopic> all() {
		return jdbc.sql("select * from contact_topic order by position, id")
			.query((rs, n) -> new ContactTopic(rs.getString("id"), rs.getString("name_nl"), rs.getString("name_en"),
					rs.getString("team_id"), rs.getString("email"), rs.getString("phone"), rs.getString("whatsapp"),
					rs.getString("hours_nl"), rs.getString("hours_en"), rs.getInt("position")))
			.list();
	}

	public Optional<ContactTopic> find(String id) {
		return all().stream().filter(t -> t.id().equals(id)).findFirst();
	}

	@Transactional
	public ContactTopic define(ContactTopic topic) {
		if (topic.id() == null || !topic.id().matches("[a-z0-9][a-z0-9-]{0,59}")) {
			throw new InvalidInputException("id", "a topic id is lower-case letters, digits and '-'");
		}
		if (topic.teamId() != null && !teams.exists(topic.teamId())) {
			throw new InvalidInputException("teamId", "team '" + topic.teamId() + "' does not exist");
		}
		if (topic.email() != null && !topic.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			throw new InvalidInputException("email", "not an e-mail address");
		}
		for (String number : new String[] { topic.phone(), topic.whatsapp() }) {
			if (number != null && !number.matches("\\+[1-9][0-9]{6,14}")) {
				throw new InvalidInputException("phone", "phone numbers are in E.164 form, like +31201234567");
			}
		}
		if (blank(topic.nameNl()) || blank(topic.nameEn()) || blank(topic.hoursNl()) || blank(topic.hoursEn())) {
			throw new InvalidInputException("name", "a topic needs Dutch and English names and business hours");
		}
		jdbc.sql("delete from contact_topic where id = ?").param(topic.id()).update();
		jdbc.sql("""
				insert into contact_topic (id, name_nl, name_en, team_id, email, phone, whatsapp, hours_nl, hours_en,
				    position)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(topic.id(), topic.nameNl(), topic.nameEn(), topic.teamId(), topic.email(), topic.phone(),
					topic.whatsapp(), topic.hoursNl(), topic.hoursEn(), topic.position())
			.update();
		return topic;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}
}
