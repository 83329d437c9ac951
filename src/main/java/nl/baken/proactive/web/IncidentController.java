package nl.baken.proactive.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.proactive.ContactsPrevented;
import nl.baken.proactive.Incident;
import nl.baken.proactive.IncidentAudience;
import nl.baken.proactive.IncidentKind;
import nl.baken.proactive.Incidents;
import nl.baken.proactive.NewIncident;
import nl.baken.proactive.NoticeCounts;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/incidents}: declare, update and end incidents, and read them with their numbers. */
@RestController
class IncidentController {

	private final Incidents incidents;

	IncidentController(Incidents incidents) {
		this.incidents = incidents;
	}

	record AudienceRequest(List<String> orderIds, List<String> postcodeRanges, List<String> products,
			List<String> deviceIds, String brand, List<String> segments) {

		IncidentAudience toAudience() {
			return new IncidentAudience(orderIds, postcodeRanges, products, deviceIds, brand, segments);
		}
	}

	record DeclareRequest(String brandId, String kind, String titleNl, String titleEn, String statusNl,
			String statusEn, Instant expectedEnd, AudienceRequest audience) {
	}

	record StatusRequest(String statusNl, String statusEn, Instant expectedEnd) {
	}

	/** An incident with its numbers: affected customers, its notices by state, linked contacts, contacts prevented. */
	record IncidentReport(Incident incident, long affectedCustomers, long linkedContacts, NoticeCounts notices,
			ContactsPrevented contactsPrevented) {
	}

	@GetMapping("/api/v1/incidents")
	@RequiresScope(Scope.INCIDENTS_READ)
	List<Incident> list(@RequestParam(defaultValue = "all") String state,
			@RequestParam(defaultValue = "50") int limit) {
		if (!state.equals("open") && !state.equals("all")) {
			throw new InvalidInputException("state", "state is 'open' or 'all'");
		}
		return incidents.list(state.equals("open"), limit);
	}

	@GetMapping("/api/v1/incidents/{id}")
	@RequiresScope(Scope.INCIDENTS_READ)
	IncidentReport get(@PathVariable UUID id) {
		return report(id);
	}

	@PostMapping("/api/v1/incidents")
	@RequiresScope(Scope.INCIDENTS_WRITE)
	ResponseEntity<IncidentReport> declare(@RequestBody DeclareRequest request) {
		if (request.audience() == null) {
			throw new InvalidInputException("audience", "the audience needs order ids, postcode ranges, products, devices or customer segments");
		}
		IncidentKind kind = IncidentKind.fromCode(request.kind())
			.orElseThrow(() -> new InvalidInputException("kind",
					"kind is one of delivery_delay, outage, recall, other"));
		Incident incident = incidents.declare(new NewIncident(request.brandId(), kind, request.titleNl(),
				request.titleEn(), request.statusNl(), request.statusEn(), request.expectedEnd(),
				request.audience().toAudience()), ApiClient.current().actor());
		return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.id())).body(report(incident.id()));
	}

	@PostMapping("/api/v1/incidents/{id}/updates")
	@RequiresScope(Scope.INCIDENTS_WRITE)
	IncidentReport update(@PathVariable UUID id, @RequestBody StatusRequest request) {
		incidents.update(id, request.statusNl(), request.statusEn(), request.expectedEnd(), ApiClient.current().actor());
		return report(id);
	}

	@PostMapping("/api/v1/incidents/{id}/end")
	@RequiresScope(Scope.INCIDENTS_WRITE)
	IncidentReport end(@PathVariable UUID id, @RequestBody StatusRequest request) {
		incidents.end(id, request.statusNl(), request.statusEn(), ApiClient.current().actor());
		return report(id);
	}

	private IncidentReport report(UUID id) {
		Incident incident = incidents.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
		return new IncidentReport(incident, incidents.affectedCount(id), incidents.linkedCount(id),
				incidents.notices(id), incidents.prevented(id));
	}
}
