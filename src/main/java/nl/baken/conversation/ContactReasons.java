package nl.baken.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import nl.baken.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ContactReasons {

	private final JdbcClient jdbc;

	ContactReasons(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<ContactReason> all() {
		return jdbc.sql("select * from contact_reason order by id")
			.query(ContactReasons::reason)
			.list();
	}

	public Optional<ContactReason> find(String id) {
		return jdbc.sql("select * from contact_reason where id = ?")
			.param(id)
			.query(ContactReasons::reason)
			.optional();
	}

	private static ContactReason reason(ResultSet rs, int row) throws SQLException {
		return new ContactReason(rs.getString("id"), rs.getString("name_nl"), rs.getString("name_en"),
				rs.getBoolean("informational"), "satisfier".equals(rs.getString("valence")));
	}

	@Transactional
	public ContactReason define(ContactReason reason) {
		if (!reason.id().matches("[a-z][a-z0-9-]{0,59}")) {
			throw new InvalidInputException("id", "a contact reason id is lower-case letters, digits and '-'");
		}
		jdbc.sql("insert into contact_reason (id, name_nl, name_en, informational, valence) values (?, ?, ?, ?, ?)")
			.params(reason.id(), reason.nameNl(), reason.nameEn(), reason.informational(), reason.valence())
			.update();
		return reason;
	}
}
