package nl.baken.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Time conversions that behave the same on H2 and PostgreSQL: instants go in and come out as UTC offsets. */
public final class Sql {

	private Sql() {
	}

	public static OffsetDateTime utc(Instant at) {
		return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
