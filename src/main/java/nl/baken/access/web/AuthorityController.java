package nl.baken.access.web;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.Authorities;
import nl.baken.access.AuthorityAction;
import nl.baken.access.AuthorityGrant;
import nl.baken.access.RequiresScope;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins define the actions and which role may run them up to which amount. */
@RestController
@RequestMapping("/api/v1/authorities")
class AuthorityController {

	private final Authorities authorities;

	AuthorityController(Authorities authorities) {
		this.authorities = authorities;
	}

	@GetMapping
	@RequiresScope(Scope.ADMIN)
	Overview overview() {
		return new Overview(authorities.actions(), authorities.grants());
	}

	@PostMapping("/actions")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.ADMIN)
	AuthorityAction define(@Valid @RequestBody NewAction request) {
		AuthorityAction action = new AuthorityAction(request.id(), request.nameNl(), request.nameEn(),
				request.integration(), request.path(), request.withAmount());
		authorities.define(action, ApiClient.current().actor());
		return action;
	}

	@PutMapping("/grants/{role}/{actionId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresScope(Scope.ADMIN)
	void grant(@PathVariable String role, @PathVariable String actionId, @RequestBody Limit limit) {
		authorities.grant(role(role), actionId, limit.limitCents(), ApiClient.current().actor());
	}

	@DeleteMapping("/grants/{role}/{actionId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresScope(Scope.ADMIN)
	void revoke(@PathVariable String role, @PathVariable String actionId) {
		authorities.revoke(role(role), actionId, ApiClient.current().actor());
	}

	private static Role role(String code) {
		return Arrays.stream(Role.values())
			.filter(r -> r.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("role", "unknown role '" + code + "'"));
	}

	record Overview(List<AuthorityAction> actions, List<AuthorityGrant> grants) {
	}

	record NewAction(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String id,
			@NotBlank @Size(max = 200) String nameNl, @NotBlank @Size(max = 200) String nameEn,
			@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,39}") String integration,
			@NotBlank @Pattern(regexp = "/[A-Za-z0-9/_-]{0,199}") String path, boolean withAmount) {
	}

	/** {@code limitCents} null or absent: no limit. */
	record Limit(Long limitCents) {
	}
}
