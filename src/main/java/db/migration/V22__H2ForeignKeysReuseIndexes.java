package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import nl.baken.shared.Databases;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, stops two inbound inserts from maintaining an index twice. H2 gives every foreign key an index of its own
 * unless an index on exactly the key's columns exists when the key is declared; V1 declares the keys in
 * {@code create table}, before its indexes, so a new identity went into {@code customer_identity_customer} and an
 * identical index of the key's, and a new conversation into {@code conversation_customer (customer_id, status)} and
 * the key's {@code (customer_id)} index. Here the keys are declared again after an index on their exact columns
 * exists, so H2 uses that index for the key. {@code conversation_customer} becomes {@code (customer_id)}: a customer
 * has few conversations, so the status column saved little. PostgreSQL creates no index for a foreign key, so
 * nothing changes there. A Java migration because H2 names inline keys itself ({@code CONSTRAINT_B8}, not
 * PostgreSQL's {@code customer_identity_customer_id_fkey}), so the key to drop is looked up by its column.
 */
public class V22__H2ForeignKeysReuseIndexes extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (!Databases.isH2(connection)) {
			return;
		}
		try (Statement sql = connection.createStatement()) {
			dropForeignKey(connection, sql, "CUSTOMER_IDENTITY", "CUSTOMER_ID");
			sql.execute("alter table customer_identity add constraint customer_identity_customer_fk"
					+ " foreign key (customer_id) references customer(id)");
			dropForeignKey(connection, sql, "CONVERSATION", "CUSTOMER_ID");
			sql.execute("drop index conversation_customer");
			sql.execute("create index conversation_customer on conversation(customer_id)");
			sql.execute("alter table conversation add constraint conversation_customer_fk"
					+ " foreign key (customer_id) references customer(id)");
		}
	}

	private static void dropForeignKey(Connection connection, Statement sql, String table, String column)
			throws SQLException {
		String name;
		try (var query = connection.prepareStatement("""
				select c.constraint_name from information_schema.table_constraints c
				join information_schema.key_column_usage k
				  on k.constraint_schema = c.constraint_schema and k.constraint_name = c.constraint_name
				where c.table_schema = current_schema and c.table_name = ? and c.constraint_type = 'FOREIGN KEY'
				  and k.column_name = ?""")) {
			query.setString(1, table);
			query.setString(2, column);
			try (var rows = query.executeQuery()) {
				if (!rows.next()) {
					throw new IllegalStateException("no foreign key on " + table + "." + column);
				}
				name = rows.getString(1);
			}
		}
		sql.execute("alter table " + table + " drop constraint \"" + name + "\"");
	}
}
