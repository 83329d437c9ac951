package nl.baken.customer.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.baken.customer.CustomerProfile;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityKind;
import nl.baken.shared.Ids;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The customer tables. Only this module reads or writes them. */
@Repository
public class CustomerStore {

	/** Recent senders: most messages come from someone who wrote a moment ago. */
	private static final int KNOWN_OWNERS = 100_000;

	private final JdbcClient jdbc;

	/**
	 * Who owns an identity. An identity row is never changed or deleted (a merge leaves it with its customer and
	 * {@link #lock} follows the merge), so an owner once committed stays right on every node; it is remembered only
	 * after its transaction committed, never while a rollback could still take it back.
	 */
	private final Cache<Identity, UUID> owners = Caffeine.newBuilder().maximumSize(KNOWN_OWNERS).build();

	CustomerStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<UUID> ownerOf(Identity identity) {
		UUID known = owners.getIfPresent(identity);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<UUID> owner = jdbc
			.sql("select customer_id from customer_identity where kind = ? and system = ? and identity_value = ?")
			.params(identity.kind().code(), identity.system(), identity.value())
			.query(UUID.class)
			.optional();
		owner.ifPresent(customer -> rememberOnCommit(identity, customer));
		return owner;
	}

	public UUID insertCustomer(String displayName, Instant at) {
		UUID id = Ids.next();
		jdbc.sql("""
				insert into customer (id, display_name, consent_proactive, consent_whatsapp, consent_marketing,
				                      created_at)
				values (?, ?, true, false, false, ?)""")
			.params(id, displayName, Sql.utc(at))
			.update();
		return id;
	}

	public void insertIdentity(UUID customerId, Identity identity, Instant at) {
		jdbc.sql("""
				insert into customer_identity (id, customer_id, kind, system, identity_value, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(Ids.next(), customerId, identity.kind().code(), identity.system(), identity.value(), Sql.utc(at))
			.update();
		rememberOnCommit(identity, customerId);
	}

	/** Outside a transaction the row read was committed already; inside one it may be the transaction's own. */
	private void rememberOnCommit(Identity identity, UUID customer) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			owners.put(identity, customer);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				owners.put(identity, customer);
			}
		});
	}

	/** Locks the customer row for the rest of the transaction, so one customer's contacts are taken one at a time. */
	public Optional<UUID> lock(UUID customerId) {
		return jdbc.sql("select merged_into from customer where id = ? for update")
			.param(customerId)
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.optional()
			.map(mergedInto -> mergedInto.orElse(customerId));
	}

	public Optional<UUID> mergedInto(UUID customerId) {
		return jdbc.sql("select merged_into from customer where id = ?")
			.param(customerId)
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.optional()
			.flatMap(mergedInto -> mergedInto);
	}

	public boolean exists(UUID customerId) {
		return jdbc.sql("select count(*) from customer where id = ?").param(customerId).query(Long.class).single() > 0;
	}

	public void nameIfUnnamed(UUID customerId, String displayName) {
		jdbc.sql("update customer set display_name = ? where id = ? and display_name is null")
			.params(displayName, customerId)
			.update();
	}

	/**
	 * Check, then insert: the caller holds the customer's row lock or created the customer in its own transaction, so
	 * this cannot race. (A single {@code insert ... where not exists} is wrong on H2 2.4: within one transaction it
	 * caches the EXISTS result and fails on the second call for the same customer and brand.)
	 */
	public void recordBrand(UUID customerId, String brandId, Instant at) {
		boolean known = jdbc.sql("select count(*) from customer_brand where customer_id = ? and brand_id = ?")
			.params(customerId, brandId)
			.query(Long.class)
			.single() > 0;
		if (!known) {
			jdbc.sql("insert into customer_brand (customer_id, brand_id, first_seen_at) values (?, ?, ?)")
				.params(customerId, brandId, Sql.utc(at))
				.update();
		}
	}

	/** The merges in force (merged customer, the customer it was merged into), from the small merge table. */
	public List<UUID[]> activeMerges() {
		return jdbc.sql("select merged_id, survivor_id from customer_merge where unmerged_at is null")
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list();
	}

	/** Changes whenever a merge or an unmerge is recorded. */
	public String mergeSignature() {
		return jdbc.sql("""
				select count(*) as merges, count(unmerged_at) as unmerges, max(merged_at) as last_merge,
				       max(unmerged_at) as last_unmerge
				from customer_merge""")
			.query((rs, n) -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + Sql.instant(rs, "last_merge") + "/"
					+ Sql.instant(rs, "last_unmerge"))
			.single();
	}

	public List<UUID> mergedDirectlyInto(UUID survivor) {
		return jdbc.sql("select id from customer where merged_into = ? order by created_at")
			.param(survivor)
			.query(UUID.class)
			.list();
	}

	public void setMergedInto(UUID customerId, UUID survivor) {
		jdbc.sql("update customer set merged_into = ? where id = ?").params(survivor, customerId).update();
	}

	public UUID insertMerge(UUID survivor, UUID merged, String reason, String by, Instant at) {
		UUID id = Ids.next();
		jdbc.sql("""
				insert into customer_merge (id, survivor_id, merged_id, reason, merged_by, merged_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(id, survivor, merged, reason, by, Sql.utc(at))
			.update();
		return id;
	}

	public record MergeRow(UUID id, UUID survivor, UUID merged, boolean undone) {
	}

	public Optional<MergeRow> mergeForUpdate(UUID mergeId) {
		return jdbc.sql("select id, survivor_id, merged_id, unmerged_at from customer_merge where id = ? for update")
			.param(mergeId)
			.query((rs, n) -> new MergeRow(rs.getObject("id", UUID.class), rs.getObject("survivor_id", UUID.class),
					rs.getObject("merged_id", UUID.class), rs.getObject("unmerged_at", OffsetDateTime.class) != null))
			.optional();
	}

	public void markUnmerged(UUID mergeId, String by, Instant at) {
		jdbc.sql("update customer_merge set unmerged_by = ?, unmerged_at = ? where id = ?")
			.params(by, Sql.utc(at), mergeId)
			.update();
	}

	public record CustomerRow(UUID id, String displayName, UUID mergedInto, String preferredChannel,
			String preferredLanguage, CustomerProfile.Consent consent, Instant createdAt, String segment) {
	}

	public Optional<CustomerRow> customer(UUID id) {
		return jdbc.sql("select * from customer where id = ?")
			.param(id)
			.query((rs, n) -> new CustomerRow(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getObject("merged_into", UUID.class), rs.getString("preferred_channel"),
					rs.getString("preferred_language"),
					new CustomerProfile.Consent(rs.getBoolean("consent_proactive"), rs.getBoolean("consent_whatsapp"),
							rs.getBoolean("consent_marketing")),
					Sql.instant(rs, "created_at"), rs.getString("segment")))
			.optional();
	}

	public List<CustomerProfile.IdentityView> identities(List<UUID> customerIds) {
		return jdbc.sql("""
				select kind, system, identity_value, customer_id from customer_identity
				where customer_id in (:ids) order by created_at, kind""")
			.param("ids", customerIds)
			.query((rs, n) -> new CustomerProfile.IdentityView(
					IdentityKind.fromCode(rs.getString("kind")).code(), rs.getString("system"),
					rs.getString("identity_value"), rs.getObject("customer_id", UUID.class)))
			.list();
	}

	public List<String> brands(List<UUID> customerIds) {
		return jdbc.sql("""
				select brand_id from customer_brand where customer_id in (:ids)
				group by brand_id order by min(first_seen_at)""")
			.param("ids", customerIds)
			.query(String.class)
			.list();
	}

	public void updatePreferences(UUID customerId, String channel, String language, CustomerProfile.Consent consent) {
		jdbc.sql("""
				update customer set preferred_channel = ?, preferred_language = ?, consent_proactive = ?,
				consent_whatsapp = ?, consent_marketing = ? where id = ?""")
			.params(channel, language, consent.proactive(), consent.whatsapp(), consent.marketing(), customerId)
			.update();
	}

	public void updateSegment(UUID customerId, String segment) {
		jdbc.sql("update customer set segment = ? where id = ?").params(segment, customerId).update();
	}

	/** Customer records in one of the segments, merged ones included (the caller follows merges). */
	public List<UUID> inSegments(List<String> segments) {
		return jdbc.sql("select id from customer where segment in (:segments)")
			.param("segments", segments)
			.query(UUID.class)
			.list();
	}
}
