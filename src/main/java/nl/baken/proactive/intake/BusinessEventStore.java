package nl.baken.proactive.intake;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code business_event} table. */
@Repository
public class BusinessEventStore {

	private final JdbcClient jdbc;

	BusinessEventStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Stored(UUID id, String eventId, String type, UUID customerId, Instant receivedAt, String contentHash) {
	}

	public record Row(UUID id, String eventId, String type, Instant occurredAt, Instant receivedAt, UUID customerId,
			String orderId, String parcelId, String deviceId, String postcode, Integer postcodeArea, String product,
			String content, String contentHash) {
	}

	public Optional<Stored> byEventId(String eventId) {
		return jdbc.sql("""
				select id, event_id, type, customer_id, received_at, content_hash
				from business_event where event_id = ?""")
			.param(eventId)
			.query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getString("event_id"),
					rs.getString("type"), rs.getObject("customer_id", UUID.class), Sql.instant(rs, "received_at"),
					rs.getString("content_hash")))
			.optional();
	}

	public boolean any() {
		return jdbc.sql("select count(*) from (select 1 from business_event fetch first 1 rows only) one")
			.query(Long.class)
			.single() > 0;
	}

	public void insert(Row row) {
		jdbc.sql("""
				insert into business_event (id, event_id, type, occurred_at, received_at, customer_id, order_id,
				                            parcel_id, device_id, postcode, postcode_area, product, content, content_hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(row.id(), row.eventId(), row.type(), Sql.utc(row.occurredAt()), Sql.utc(row.receivedAt()),
					row.customerId(), row.orderId(), row.parcelId(), row.deviceId(), row.postcode(), row.postcodeArea(),
					row.product(), row.content(), row.contentHash())
			.update();
	}
}
