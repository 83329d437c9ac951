package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V22: on H2 a new identity and a new conversation each maintain one index on {@code customer_id}, not two (H2 gave
 * the foreign keys indexes of their own), and the foreign keys still hold on both databases.
 */
@DatabaseTest
class InboundIndexesTests extends ApiTestSupport {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Test
	void onH2EachCustomerForeignKeyUsesTheTablesOwnIndex() throws SQLException {
		if (!h2()) {
			// PostgreSQL creates no index for a foreign key: only the migrations' own indexes exist
			assertThat(jdbc.sql("select count(*) from pg_indexes where tablename = 'conversation'"
					+ " and indexname = 'conversation_customer'").query(Long.class).single()).isEqualTo(1);
			return;
		}
		assertThat(indexesLedBy("CUSTOMER_IDENTITY", "CUSTOMER_ID")).containsExactly("CUSTOMER_IDENTITY_CUSTOMER");
		assertThat(indexesLedBy("CONVERSATION", "CUSTOMER_ID")).containsExactly("CONVERSATION_CUSTOMER");
	}

	@Test
	void theForeignKeysStillRejectAnUnknownCustomer() {
		UUID customer = UUID.randomUUID();
		jdbc.sql("""
				insert into customer (id, consent_proactive, consent_whatsapp, consent_marketing, created_at)
				values (?, false, false, false, current_timestamp)""").param(customer).update();
		// the same statements with a known customer succeed, so the unknown one is what fails
		assertThat(insertIdentity(customer)).isEqualTo(1);
		assertThat(insertConversation(customer)).isEqualTo(1);
		UUID nobody = UUID.randomUUID();
		assertThatThrownBy(() -> insertIdentity(nobody)).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> insertConversation(nobody)).isInstanceOf(DataIntegrityViolationException.class);
	}

	private int insertIdentity(UUID customer) {
		return jdbc.sql("""
				insert into customer_identity (id, customer_id, kind, system, identity_value, created_at)
				values (?, ?, 'email', '', ?, current_timestamp)""")
			.params(UUID.randomUUID(), customer, unique("fk") + "@example.nl")
			.update();
	}

	private int insertConversation(UUID customer) {
		return jdbc.sql("""
				insert into conversation (id, customer_id, channel, status, priority, created_at, updated_at)
				values (?, ?, 'email', 'queued', 0, current_timestamp, current_timestamp)""")
			.params(UUID.randomUUID(), customer)
			.update();
	}

	private List<String> indexesLedBy(String table, String column) {
		return jdbc.sql("""
				select index_name from information_schema.index_columns
				where table_schema = current_schema and table_name = ? and column_name = ? and ordinal_position = 1
				order by index_name""")
			.params(table, column)
			.query(String.class)
			.list();
	}

	private boolean h2() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().equals("H2");
		}
	}
}
