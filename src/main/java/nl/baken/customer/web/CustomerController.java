package nl.baken.customer.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class CustomerController {

	private final Customers customers;

	CustomerController(Customers customers) {
		this.customers = customers;
	}

	@GetMapping("/customers/{id}")
	@RequiresScope(Scope.CUSTOMERS_READ)
	CustomerProfile customer(@PathVariable UUID id) {
		return customers.profile(new CustomerId(id)).orElseThrow(() -> new NotFoundException("Customer", id));
	}

	/** Looks a customer up by exactly one identity, e.g. {@code ?email=a@b.nl} or {@code ?phone=0612345678}. */
	@GetMapping("/customers")
	@RequiresScope(Scope.CUSTOMERS_READ)
	CustomerProfile lookup(@RequestParam(required = false) String email, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String whatsappId, @RequestParam(required = false) String webVisitorId,
			@RequestParam(required = false) String externalSystem,
			@RequestParam(required = false) String externalId) {
		List<Identity> given = new ArrayList<>();
		if (email != null) {
			given.add(Identity.email(email));
		}
		if (phone != null) {
			given.add(Identity.phone(phone));
		}
		if (whatsappId != null) {
			given.add(Identity.whatsapp(whatsappId));
		}
		if (webVisitorId != null) {
			given.add(Identity.webVisitor(webVisitorId));
		}
		if (externalSystem != null || externalId != null) {
			given.add(Identity.external(externalSystem, externalId));
		}
		if (given.size() != 1) {
			throw new InvalidInputException("query", "give exactly one of email, phone, whatsappId, webVisitorId "
					+ "or externalSystem with externalId");
		}
		Identity identity = given.getFirst();
		CustomerId id = customers.findByIdentity(identity)
			.orElseThrow(() -> new NotFoundException("Customer with identity", identity));
		return customers.profile(id).orElseThrow(() -> new NotFoundException("Customer", id));
	}

	@PutMapping("/customers/{id}/preferences")
	@RequiresScope(Scope.CUSTOMERS_WRITE)
	CustomerProfile preferences(@PathVariable UUID id, @Valid @RequestBody Preferences request) {
		CustomerId customer = new CustomerId(id);
		customers.updatePreferences(customer, request.preferredChannel(), request.preferredLanguage(),
				new CustomerProfile.Consent(request.consentProactive(), request.consentWhatsapp(),
						request.consentMarketing()),
				ApiClient.current().actor());
		return customers.profile(customer).orElseThrow();
	}

	/** The customer's segment (e.g. {@code vip}); {@code null} or empty clears it. Incident audiences select by it. */
	@PutMapping("/customers/{id}/segment")
	@RequiresScope(Scope.CUSTOMERS_WRITE)
	CustomerProfile segment(@PathVariable UUID id, @RequestBody SegmentRequest request) {
		CustomerId customer = new CustomerId(id);
		customers.updateSegment(customer, request.segment(), ApiClient.current().actor());
		return customers.profile(customer).orElseThrow();
	}

	record SegmentRequest(String segment) {
	}

	@PostMapping("/customers/{id}/merges")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.CUSTOMERS_WRITE)
	Map<String, Object> merge(@PathVariable UUID id, @Valid @RequestBody MergeRequest request) {
		UUID mergeId = customers.merge(new CustomerId(id), new CustomerId(request.customerId()), request.reason(),
				ApiClient.current().actor());
		return Map.of("mergeId", mergeId, "customer", customers.profile(new CustomerId(id)).orElseThrow());
	}

	@PostMapping("/customer-merges/{mergeId}/undo")
	@RequiresScope(Scope.CUSTOMERS_WRITE)
	Map<String, Object> unmerge(@PathVariable UUID mergeId) {
		customers.unmerge(mergeId, ApiClient.current().actor());
		return Map.of("mergeId", mergeId, "undone", true);
	}

	record MergeRequest(@NotNull UUID customerId, @NotBlank @Size(max = 500) String reason) {
	}

	record Preferences(@Pattern(regexp = "[a-z][a-z0-9_-]{0,39}") String preferredChannel,
			@Pattern(regexp = "nl|en") String preferredLanguage, boolean consentProactive, boolean consentWhatsapp,
			boolean consentMarketing) {
	}
}
