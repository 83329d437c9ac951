package nl.baken.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.baken.access.AuditLog;
import nl.baken.customer.internal.CustomerStore;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the customer behind a contact, shows a customer with everything merged into them, and merges or unmerges
 * customers on request.
 */
@Service
public class Customers {

	/** Merge chains are short in practice; this bound only protects against a cycle written by hand. */
	private static final int MAX_MERGE_DEPTH = 16;

	private final CustomerStore store;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Customers(CustomerStore store, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The customer a contact comes from, created when no identity is known yet. Identities of the claim that nobody
	 * owns are added to the customer; one that belongs to another customer stays there (only a person may merge).
	 * The returned customer (after following merges) is locked until the caller's transaction ends, so contacts of
	 * one customer are taken one at a time. A concurrent first contact of the same new customer makes this fail with
	 * a duplicate-key error; the caller retries its transaction and then finds the customer.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public CustomerId resolve(IdentityClaim claim) {
		List<Identity> identities = implied(claim.identities());
		UUID owner = null;
		List<Identity> unowned = new ArrayList<>();
		for (Identity identity : identities) {
			Optional<UUID> found = store.ownerOf(identity);
			if (found.isEmpty()) {
				unowned.add(identity);
			}
			else if (owner == null) {
				owner = found.get();
			}
		}
		UUID customer = owner == null ? store.insertCustomer(blankToNull(claim.displayName()), claim.at())
				: lockCanonical(owner);
		for (Identity identity : unowned) {
			store.insertIdentity(customer, identity, claim.at());
		}
		if (claim.displayName() != null && !claim.displayName().isBlank()) {
			store.nameIfUnnamed(customer, claim.displayName().strip());
		}
		if (claim.brandId() != null) {
			store.recordBrand(customer, claim.brandId(), claim.at());
		}
		return new CustomerId(customer);
	}

	public Optional<CustomerId> findByIdentity(Identity identity) {
		return store.ownerOf(identity).map(this::canonical).map(CustomerId::new);
	}

	/** The customer this one was merged into, following the chain, or itself. */
	public CustomerId canonical(CustomerId id) {
		return new CustomerId(canonical(id.value()));
	}

	/**
	 * Every merged customer with the customer it now belongs to (following chains), in one query: for readers that
	 * resolve many customers at once. Customers not in the map are their own canonical customer.
	 */
	public Map<UUID, UUID> canonicalOfMerged() {
		Map<UUID, UUID> direct = new java.util.HashMap<>();
		store.activeMerges().forEach(pair -> direct.put(pair[0], pair[1]));
		Map<UUID, UUID> canonical = new java.util.HashMap<>();
		for (UUID merged : direct.keySet()) {
			UUID current = merged;
			for (int depth = 0; direct.containsKey(current); depth++) {
				if (depth >= MAX_MERGE_DEPTH) {
					throw new IllegalStateException("merge chain of customer " + merged + " is too long or cyclic");
				}
				current = direct.get(current);
			}
			canonical.put(merged, current);
		}
		return canonical;
	}

	/** A text that changes whenever customers are merged or unmerged. */
	public String mergeSignature() {
		return store.mergeSignature();
	}

	/** This customer and every customer merged into it, directly or through others. */
	public List<CustomerId> withMerged(CustomerId canonical) {
		Set<UUID> all = new LinkedHashSet<>();
		collect(canonical.value(), all, 0);
		return all.stream().map(CustomerId::new).toList();
	}

	public Optional<CustomerProfile> profile(CustomerId id) {
		return store.customer(id.value()).map(row -> {
			List<UUID> members = withMerged(new CustomerId(row.id())).stream().map(CustomerId::value).toList();
			return new CustomerProfile(row.id(), row.displayName(), row.mergedInto(), store.identities(members),
					store.brands(members), row.preferredChannel(), row.preferredLanguage(), row.consent(),
					members.subList(1, members.size()), row.createdAt(), row.segment());
		});
	}

	@Transactional
	public void updatePreferences(CustomerId id, String channel, String language, CustomerProfile.Consent consent,
			Actor by) {
		if (!store.exists(id.value())) {
			throw new NotFoundException("Customer", id);
		}
		if (language != null && !language.matches("nl|en")) {
			throw new InvalidInputException("preferredLanguage", "preferredLanguage must be 'nl' or 'en'");
		}
		store.updatePreferences(id.value(), channel, language, consent);
		audit.record(by, "customer.preferences-changed", "customer", id.toString(),
				Map.of("preferredChannel", String.valueOf(channel), "preferredLanguage", String.valueOf(language),
						"consentProactive", consent.proactive(), "consentWhatsapp", consent.whatsapp(),
						"consentMarketing", consent.marketing()));
	}

	/** Sets the customer's segment ({@code null} clears it); audited. */
	@Transactional
	public void updateSegment(CustomerId id, String segment, Actor by) {
		if (!store.exists(id.value())) {
			throw new NotFoundException("Customer", id);
		}
		String cleaned = segment == null || segment.isBlank() ? null : segment.strip();
		if (cleaned != null && !cleaned.matches(CustomerProfile.SEGMENT)) {
			throw new InvalidInputException("segment",
					"a segment is 1 to 30 lower-case letters, digits, '_' or '-' (such as vip)");
		}
		store.updateSegment(id.value(), cleaned);
		audit.record(by, "customer.segment-changed", "customer", id.toString(),
				Map.of("segment", String.valueOf(cleaned)));
	}

	/** The customers in one of the segments, each once, as the customer they were merged into. */
	public List<CustomerId> inSegments(List<String> segments) {
		if (segments.isEmpty()) {
			return List.of();
		}
		return store.inSegments(segments).stream().map(id -> canonical(new CustomerId(id))).distinct().toList();
	}

	/** Joins {@code merged} into {@code survivor}; both keep their records, so the merge can be undone. */
	@Transactional
	public UUID merge(CustomerId survivor, CustomerId merged, String reason, Actor by) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "a merge needs a reason");
		}
		UUID survivorRoot = lockCanonical(existing(survivor));
		UUID mergedRoot = lockCanonical(existing(merged));
		if (survivorRoot.equals(mergedRoot)) {
			throw new RuleViolationException("Customers " + survivor + " and " + merged + " are already one customer");
		}
		Instant at = clock.instant();
		store.setMergedInto(mergedRoot, survivorRoot);
		UUID mergeId = store.insertMerge(survivorRoot, mergedRoot, reason.strip(), by.label(), at);
		audit.record(by, "customer.merged", "customer", survivorRoot.toString(),
				Map.of("mergeId", mergeId.toString(), "merged", mergedRoot.toString(), "reason", reason.strip()));
		events.publishEvent(new CustomersMerged(mergeId, new CustomerId(survivorRoot), new CustomerId(mergedRoot)));
		return mergeId;
	}

	@Transactional
	public void unmerge(UUID mergeId, Actor by) {
		CustomerStore.MergeRow merge = store.mergeForUpdate(mergeId)
			.orElseThrow(() -> new NotFoundException("Customer merge", mergeId));
		if (merge.undone()) {
			throw new RuleViolationException("Customer merge " + mergeId + " was already undone");
		}
		store.lock(merge.merged());
		store.setMergedInto(merge.merged(), null);
		store.markUnmerged(mergeId, by.label(), clock.instant());
		audit.record(by, "customer.unmerged", "customer", merge.survivor().toString(),
				Map.of("mergeId", mergeId.toString(), "merged", merge.merged().toString()));
		events.publishEvent(
				new CustomersUnmerged(mergeId, new CustomerId(merge.survivor()), new CustomerId(merge.merged())));
	}

	private UUID existing(CustomerId id) {
		if (!store.exists(id.value())) {
			throw new NotFoundException("Customer", id);
		}
		return id.value();
	}

	private UUID lockCanonical(UUID customer) {
		UUID current = customer;
		for (int depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
			UUID next = store.lock(current).orElseThrow(() -> new NotFoundException("Customer", customer));
			if (next.equals(current)) {
				return current;
			}
			current = next;
		}
		throw new IllegalStateException("merge chain of customer " + customer + " is too long or cyclic");
	}

	private UUID canonical(UUID customer) {
		UUID current = customer;
		for (int depth = 0; depth < MAX_MERGE_DEPTH; depth++) {
			Optional<UUID> next = store.mergedInto(current);
			if (next.isEmpty()) {
				return current;
			}
			current = next.get();
		}
		throw new IllegalStateException("merge chain of customer " + customer + " is too long or cyclic");
	}

	private void collect(UUID customer, Set<UUID> into, int depth) {
		if (depth > MAX_MERGE_DEPTH || !into.add(customer)) {
			return;
		}
		for (UUID merged : store.mergedDirectlyInto(customer)) {
			collect(merged, into, depth + 1);
		}
	}

	/** A WhatsApp id is a phone number: claiming one also claims the number, so a caller finds the same customer. */
	private static List<Identity> implied(List<Identity> identities) {
		Set<Identity> all = new LinkedHashSet<>(identities);
		identities.stream().filter(i -> i.kind() == IdentityKind.WHATSAPP).map(Identity::asPhone).forEach(all::add);
		return List.copyOf(all);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
