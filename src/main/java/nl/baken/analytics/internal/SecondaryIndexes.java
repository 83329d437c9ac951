package nl.baken.analytics.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table's secondary indexes on PostgreSQL, dropped before a bulk load and built again after it: one build over all
 * rows sorts once, while keeping an index during the load touches a random page per row when its keys are random
 * (UUIDs, times out of order), which at tens of millions of rows no longer fits in memory. The definitions come from
 * the catalogue, so the migrations stay the one place that says which indexes exist.
 */
public final class SecondaryIndexes {

	private SecondaryIndexes() {
	}

	/** Drops the table's indexes other than its primary key and unique ones; returns their definitions. */
	public static List<String> drop(JdbcClient jdbc, String table) {
		List<String[]> indexes = jdbc.sql("""
				select i.relname, pg_get_indexdef(x.indexrelid)
				from pg_index x join pg_class i on i.oid = x.indexrelid
				where x.indrelid = cast(? as regclass) and not x.indisprimary and not x.indisunique
				order by i.relname""")
			.param(table)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		for (String[] index : indexes) {
			// the name comes from the catalogue, not from input
			jdbc.sql("drop index if exists \"" + index[0] + "\"").update();
		}
		return indexes.stream().map(index -> index[1]).toList();
	}

	/** Builds the indexes {@link #drop} dropped, unless they exist (again). */
	public static void create(JdbcClient jdbc, List<String> definitions) {
		for (String definition : definitions) {
			jdbc.sql(definition.replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")).update();
		}
	}
}
