package nl.baken.access;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.baken.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams of agents; reporting and business hours follow a team's time zone. */
@Service
public class Teams {

	public static final String DEFAULT_TIME_ZONE = "Europe/Amsterdam";

	private final JdbcClient jdbc;

	Teams(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Team(String id, String nameNl, String nameEn, String timeZone) {
	}

	public List<Team> all() {
		return jdbc.sql("select * from team order by id")
			.query((rs, n) -> new Team(rs.getString("id"), rs.getString("name_nl"), rs.getString("name_en"),
					rs.getString("time_zone")))
			.list();
	}

	/** Every team's name in a language ({@code nl}, else English) by its id, for pages that hold a team's id. */
	public Map<String, String> names(String language) {
		boolean dutch = "nl".equals(language);
		return all().stream().collect(Collectors.toMap(Team::id, team -> dutch ? team.nameNl() : team.nameEn()));
	}

	public boolean exists(String id) {
		return jdbc.sql("select count(*) from team where id = ?").param(id).query(Long.class).single() > 0;
	}

	@Transactional
	public Team define(String id, String nameNl, String nameEn) {
		if (!id.matches("[a-z][a-z0-9-]{0,39}")) {
			throw new InvalidInputException("id", "a team id is lower-case letters, digits and '-'");
		}
		jdbc.sql("insert into team (id, name_nl, name_en, time_zone) values (?, ?, ?, ?)")
			.params(id, nameNl, nameEn, DEFAULT_TIME_ZONE)
			.update();
		return new Team(id, nameNl, nameEn, DEFAULT_TIME_ZONE);
	}
}
