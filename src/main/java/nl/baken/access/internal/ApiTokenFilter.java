package nl.baken.access.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.access.ApiClient;
import nl.baken.access.ApiTokens;
import nl.baken.access.Scope;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>}; a wrong or revoked token is answered 401 at once. */
@Component
class ApiTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final ApiTokens tokens;

	private final ProblemResponses problems;

	ApiTokenFilter(ApiTokens tokens, ProblemResponses problems) {
		this.tokens = tokens;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiClient> client = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
				? tokens.authenticate(header.substring(PREFIX.length()).trim()) : Optional.empty();
		if (client.isEmpty()) {
			problems.unauthorized(response, "The API token is unknown or revoked.");
			return;
		}
		List<SimpleGrantedAuthority> authorities = client.get()
			.scopes()
			.stream()
			.map(Scope::authority)
			.map(SimpleGrantedAuthority::new)
			.toList();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client.get(), null, authorities));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
