package nl.baken.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Values that behave the same on H2 and PostgreSQL: instants go in and come out as UTC offsets, and text is what both
 * can store.
 */
public final class Sql {

	private Sql() {
	}

	public static OffsetDateTime utc(Instant at) {
		return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
	}

	/**
	 * The text without NUL characters, which PostgreSQL refuses in text columns. Customers' text can carry them (a
	 * UTF-16 mail part read as UTF-8, an escaped one in JSON); refusing the whole message for one would lose it.
	 */
	public static String storable(String text) {
		return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
