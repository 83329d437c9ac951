package nl.baken.shared;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/** Which engine is behind a connection, for the few places where the embedded H2 and PostgreSQL differ. */
public final class Databases {

	private Databases() {
	}

	public static boolean isH2(Connection connection) throws SQLException {
		return "H2".equals(connection.getMetaData().getDatabaseProductName());
	}

	public static boolean isH2(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return isH2(connection);
		}
		catch (SQLException e) {
			throw new DataAccessResourceFailureException("Could not ask the database which engine it is", e);
		}
	}
}
