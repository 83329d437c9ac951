package nl.baken.access.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import nl.baken.access.ApiClient;
import nl.baken.access.ApiTokens;
import nl.baken.access.IssuedToken;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresScope(Scope.ADMIN)
	IssuedToken issue(@Valid @RequestBody NewToken request) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String code : request.scopes()) {
			scopes.add(Scope.fromCode(code)
				.orElseThrow(() -> new InvalidInputException("scopes", "unknown scope '" + code + "'")));
		}
		return tokens.issue(request.name(), scopes, ApiClient.current().actor());
	}

	@GetMapping
	@RequiresScope(Scope.ADMIN)
	List<ApiTokens.TokenSummary> list() {
		return tokens.list();
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresScope(Scope.ADMIN)
	void revoke(@PathVariable UUID id) {
		tokens.revoke(id, ApiClient.current().actor());
	}

	record NewToken(@NotBlank @Size(max = 200) String name, @NotEmpty List<@NotBlank String> scopes) {
	}
}
