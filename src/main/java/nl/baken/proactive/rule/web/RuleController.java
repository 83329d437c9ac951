package nl.baken.proactive.rule.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.proactive.rule.FiringView;
import nl.baken.proactive.rule.PreventiveRules;
import nl.baken.proactive.rule.RuleDefinition;
import nl.baken.shared.InvalidInputException;
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

/** Preventive rules over the API: list, create, replace, switch on and off, their firings, and a dry run. */
@RestController
@RequestMapping("/api/v1/rules")
class RuleController {

	private final PreventiveRules rules;

	RuleController(PreventiveRules rules) {
		this.rules = rules;
	}

	@GetMapping
	@RequiresScope(Scope.RULES_WRITE)
	List<PreventiveRules.RuleView> list() {
		return rules.list();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.RULES_WRITE)
	PreventiveRules.RuleView create(@RequestBody RuleDefinition definition) {
		return rules.create(definition, ApiClient.current().actor());
	}

	@GetMapping("/{id}")
	@RequiresScope(Scope.RULES_WRITE)
	PreventiveRules.RuleView get(@PathVariable UUID id) {
		return rules.get(id);
	}

	@PutMapping("/{id}")
	@RequiresScope(Scope.RULES_WRITE)
	PreventiveRules.RuleView replace(@PathVariable UUID id, @RequestBody RuleDefinition definition) {
		return rules.replace(id, definition, ApiClient.current().actor());
	}

	record Enabled(Boolean enabled) {
	}

	@PutMapping("/{id}/enabled")
	@RequiresScope(Scope.RULES_WRITE)
	PreventiveRules.RuleView enable(@PathVariable UUID id, @RequestBody Enabled body) {
		if (body.enabled() == null) {
			throw new InvalidInputException("enabled", "enabled is true or false");
		}
		return rules.setEnabled(id, body.enabled(), ApiClient.current().actor());
	}

	@GetMapping("/{id}/firings")
	@RequiresScope(Scope.RULES_WRITE)
	List<FiringView> firings(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
		return rules.firings(id, limit);
	}

	/** The body is JSON lines of business events (or one JSON array); nothing is stored, called or sent. */
	@PostMapping("/{id}/replay")
	@RequiresScope(Scope.RULES_WRITE)
	PreventiveRules.ReplayResult replay(@PathVariable UUID id, @RequestBody String events,
			@RequestParam(required = false) String until) {
		Instant end = null;
		if (until != null && !until.isBlank()) {
			try {
				end = Instant.parse(until.strip());
			}
			catch (DateTimeParseException e) {
				throw new InvalidInputException("until", "until is an ISO-8601 UTC time such as 2026-11-26T12:00:00Z");
			}
		}
		return rules.replay(id, events, end);
	}
}
