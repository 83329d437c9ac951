package nl.baken.customer;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.baken.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The brands an organisation serves customers under; one customer can deal with several. */
@Service
public class Brands {

	private final JdbcClient jdbc;

	Brands(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Brand(String id, String name) {
	}

	public List<Brand> all() {
		return jdbc.sql("select id, name from brand order by id")
			.query((rs, n) -> new Brand(rs.getString("id"), rs.getString("name")))
			.list();
	}

	/** Every brand's name by its id, for pages that show a brand where they hold its id. */
	public Map<String, String> names() {
		return all().stream().collect(Collectors.toMap(Brand::id, Brand::name));
	}

	public boolean exists(String id) {
		return jdbc.sql("select count(*) from brand where id = ?").param(id).query(Long.class).single() > 0;
	}

	@Transactional
	public Brand define(String id, String name) {
		if (!id.matches("[a-z][a-z0-9-]{0,39}")) {
			throw new InvalidInputException("id", "a brand id is lower-case letters, digits and '-'");
		}
		jdbc.sql("insert into brand (id, name) values (?, ?)").params(id, name).update();
		return new Brand(id, name);
	}
}
