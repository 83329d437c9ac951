package nl.baken.access.internal;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.access.ApiClient;
import nl.baken.access.ProviderWebhook;
import nl.baken.access.RequiresScope;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequiresScope} on every API handler, failing closed when a handler forgot to declare one. */
@Component
class ScopeInterceptor implements HandlerInterceptor {

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")) {
			return true;
		}
		if (method.hasMethodAnnotation(ProviderWebhook.class)
				&& PATHS.match(ProviderWebhook.PATH, request.getRequestURI())) {
			return true; // the handler verifies the provider's signature before anything else
		}
		RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
		if (required == null) {
			throw new AccessDeniedException(method + " declares no scope");
		}
		ApiClient client = ApiClient.current();
		if (!client.scopes().containsAll(Arrays.asList(required.value()))) {
			throw new AccessDeniedException("token " + client.name() + " lacks a scope of " + method);
		}
		return true;
	}
}
