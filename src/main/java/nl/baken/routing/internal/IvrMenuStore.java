package nl.baken.routing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.routing.IvrMenu;
import nl.baken.routing.IvrOption;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code ivr_menu} table; a menu's tree is one JSON document. */
@Repository
public class IvrMenuStore {

	private static final TypeReference<List<IvrOption>> TREE = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	IvrMenuStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insert(IvrMenu menu) {
		jdbc.sql("""
				insert into ivr_menu (id, brand_id, phone_number, name, tree, updated_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(menu.id(), menu.brandId(), menu.number(), menu.name(), json.writeValueAsString(menu.options()),
					Sql.utc(menu.updatedAt()))
			.update();
	}

	public void update(IvrMenu menu) {
		jdbc.sql("update ivr_menu set brand_id = ?, phone_number = ?, name = ?, tree = ?, updated_at = ? where id = ?")
			.params(menu.brandId(), menu.number(), menu.name(), json.writeValueAsString(menu.options()),
					Sql.utc(menu.updatedAt()), menu.id())
			.update();
	}

	public Optional<IvrMenu> find(UUID id) {
		return jdbc.sql("select * from ivr_menu where id = ?").param(id).query(this::menu).optional();
	}

	public Optional<IvrMenu> byNumber(String number) {
		return jdbc.sql("select * from ivr_menu where phone_number = ? order by brand_id")
			.param(number)
			.query(this::menu)
			.list()
			.stream()
			.findFirst();
	}

	public List<IvrMenu> all() {
		return jdbc.sql("select * from ivr_menu order by brand_id, phone_number").query(this::menu).list();
	}

	private IvrMenu menu(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new IvrMenu(rs.getObject("id", UUID.class), rs.getString("brand_id"), rs.getString("phone_number"),
				rs.getString("name"), json.readValue(rs.getString("tree"), TREE), Sql.instant(rs, "updated_at"));
	}
}
