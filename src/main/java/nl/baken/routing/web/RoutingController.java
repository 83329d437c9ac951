package nl.baken.routing.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.routing.AgentProfile;
import nl.baken.routing.AgentSettings;
import nl.baken.routing.Classification;
import nl.baken.routing.Presence;
import nl.baken.routing.RequirementProfile;
import nl.baken.routing.RoutedWork;
import nl.baken.routing.Routing;
import nl.baken.routing.Skill;
import nl.baken.routing.QueueWait;
import nl.baken.routing.WaitInfo;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routing administration (skills, agents, requirement profiles, presence), classification of waiting contacts and
 * the wait information a widget, contact page or phone menu shows.
 */
@RestController
@Validated
@RequestMapping("/api/v1/routing")
class RoutingController {

	private final Routing routing;

	private final Clock clock;

	RoutingController(Routing routing, Clock clock) {
		this.routing = routing;
		this.clock = clock;
	}

	@PostMapping("/skills")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.ROUTING)
	Skill defineSkill(@Valid @RequestBody NewSkill request) {
		return routing.defineSkill(new Skill(request.id(), request.nameNl(), request.nameEn()),
				ApiClient.current().actor());
	}

	@GetMapping("/skills")
	@RequiresScope(Scope.ROUTING)
	List<Skill> skills() {
		return routing.skills();
	}

	@GetMapping("/agents")
	@RequiresScope(Scope.ROUTING)
	List<AgentProfile> agents() {
		return routing.agents();
	}

	@GetMapping("/agents/{agentId}")
	@RequiresScope(Scope.ROUTING)
	AgentProfile agent(@PathVariable String agentId) {
		return routing.agent(agentId).orElseThrow(() -> new NotFoundException("Agent", agentId));
	}

	@PutMapping("/agents/{agentId}")
	@RequiresScope(Scope.ROUTING)
	AgentProfile configure(@PathVariable String agentId, @RequestBody AgentSettings settings) {
		return routing.configureAgent(agentId, settings, ApiClient.current().actor());
	}

	@PutMapping("/agents/{agentId}/presence")
	@RequiresScope(Scope.ROUTING)
	AgentProfile presence(@PathVariable String agentId, @Valid @RequestBody PresenceChange request) {
		return routing.setPresence(agentId, Presence.fromCode(request.presence()), clock.instant());
	}

	/** The agent (through an integration) takes the next contact they may take; 204 when there is none. */
	@PostMapping("/agents/{agentId}/next")
	@RequiresScope(Scope.ROUTING)
	ResponseEntity<RoutedWork> pickNext(@PathVariable String agentId) {
		return routing.pickNext(agentId).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
	}

	@GetMapping("/profiles")
	@RequiresScope(Scope.ROUTING)
	List<RequirementProfile> profiles() {
		return routing.profiles();
	}

	@PutMapping("/profiles/{kind}/{key}")
	@RequiresScope(Scope.ROUTING)
	RequirementProfile saveProfile(@PathVariable String kind, @PathVariable String key,
			@Valid @RequestBody ProfileBody request) {
		return routing.defineProfile(new RequirementProfile(kind, key, request.teamId(),
				request.priority() == null ? 0 : request.priority(), request.skills()), ApiClient.current().actor());
	}

	@GetMapping("/contacts/{conversationId}")
	@RequiresScope(Scope.CONVERSATIONS_READ)
	RoutedWork contact(@PathVariable UUID conversationId) {
		return routing.work(conversationId).orElseThrow(() -> new NotFoundException("Routed contact", conversationId));
	}

	@PutMapping("/contacts/{conversationId}/classification")
	@RequiresScope(Scope.CONVERSATIONS_WRITE)
	RoutedWork classify(@PathVariable UUID conversationId, @Valid @RequestBody ClassificationBody request) {
		return routing.classify(conversationId, new Classification(request.topic(), request.reasonId(),
				request.ivrOption(), request.urgency(), request.segment()));
	}

	@GetMapping("/contacts/{conversationId}/wait")
	@RequiresScope(Scope.CALLBACKS_WRITE)
	WaitInfo waitInfo(@PathVariable UUID conversationId) {
		return routing.waitInfo(conversationId);
	}

	/**
	 * The expected wait of a contact that would start on the channel now (for the widget, the contact page and the
	 * IVR before there is a contact): {@code expectedWaitSeconds} is null when nobody who takes it is available.
	 */
	@GetMapping("/wait")
	@RequiresScope(Scope.CALLBACKS_WRITE)
	QueueWait expectedWait(@RequestParam @Size(max = 40) String channel,
			@RequestParam(required = false) @Size(max = 40) String brandId) {
		return routing.expectedWait(channel, brandId);
	}

	record NewSkill(@NotBlank @Size(max = 60) String id, @NotBlank @Size(max = 200) String nameNl,
			@NotBlank @Size(max = 200) String nameEn) {
	}

	record PresenceChange(@NotBlank @Size(max = 20) String presence) {
	}

	record ProfileBody(@Size(max = 40) String teamId, Integer priority, Map<String, Integer> skills) {
	}

	record ClassificationBody(@Size(max = 60) String topic, @Size(max = 60) String reasonId,
			@Size(max = 60) String ivrOption, Integer urgency, @Size(max = 30) String segment) {
	}
}
