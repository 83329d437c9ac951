package nl.baken.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * A transaction manager whose commit is on file before it returns, on H2 as on PostgreSQL, so nothing Baken has
 * acknowledged is lost when the JVM is killed.
 *
 * <p>PostgreSQL already guarantees that at commit. H2 writes committed changes to its file in the background (every
 * 500 ms by default). {@code WRITE_DELAY=0} would write on every commit, but then H2 also stops its background
 * housekeeping and the file grows by tens of kilobytes per transaction. So H2 keeps its default and each commit is
 * followed by a {@code CHECKPOINT}; with group commit that is one write per group, not per message.
 */
class DurableTransactionManager extends JdbcTransactionManager {

	private volatile Boolean h2;

	DurableTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		super.doCommit(status);
		ConnectionHolder holder = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder();
		Connection connection = holder.getConnection();
		try {
			if (isH2(connection)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("CHECKPOINT");
				}
			}
		}
		catch (SQLException e) {
			throw new TransactionSystemException("Committed, but H2 could not write the commit to its file", e);
		}
	}

	private boolean isH2(Connection connection) throws SQLException {
		Boolean known = h2;
		if (known == null) {
			known = Databases.isH2(connection);
			h2 = known;
		}
		return known;
	}
}
