package nl.baken.knowledge.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import nl.baken.knowledge.SynonymSet;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The synonym list; terms are stored comma-separated. */
@Repository
public class SynonymStore {

	private final JdbcClient jdbc;

	SynonymStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<SynonymSet> all() {
		return jdbc.sql("select * from knowledge_synonym order by language, terms")
			.query((rs, n) -> new SynonymSet(rs.getObject("id", UUID.class), rs.getString("language"),
					Arrays.asList(rs.getString("terms").split(",")), Sql.instant(rs, "updated_at")))
			.list();
	}

	public void insert(SynonymSet set) {
		jdbc.sql("insert into knowledge_synonym (id, language, terms, updated_at) values (?, ?, ?, ?)")
			.params(set.id(), set.language(), String.join(",", set.terms()), Sql.utc(set.updatedAt()))
			.update();
	}

	public int update(UUID id, List<String> terms, Instant at) {
		return jdbc.sql("update knowledge_synonym set terms = ?, updated_at = ? where id = ?")
			.params(String.join(",", terms), Sql.utc(at), id)
			.update();
	}

	public int delete(UUID id) {
		return jdbc.sql("delete from knowledge_synonym where id = ?").param(id).update();
	}
}
