package nl.baken.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint, found from the application itself rather than a list that could fall behind: it declares the
 * scopes it needs, refuses a request without a token (401) and one whose token lacks a needed scope (403), and such
 * a refused request changes nothing.
 */
class ApiAuthorisationTests extends ApiTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	JdbcClient jdbc;

	record Endpoint(HttpMethod method, String path, Set<Scope> needs) {
	}

	/** Providers' webhooks: no token, only the provider's signature, and only on their one path. */
	final List<Endpoint> webhooks = new ArrayList<>();

	List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
			HandlerMethod handler = entry.getValue();
			if (!handler.getBeanType().getPackageName().startsWith("nl.baken")) {
				continue;
			}
			for (String path : entry.getKey().getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				if (handler.hasMethodAnnotation(ProviderWebhook.class)) {
					assertThat(path).as("%s is a provider webhook", handler).matches("/api/v1/channels/[a-z0-9_-]+/webhook");
					assertThat(handler.hasMethodAnnotation(RequiresScope.class)).isFalse();
					for (var method : entry.getKey().getMethodsCondition().getMethods()) {
						webhooks.add(new Endpoint(HttpMethod.valueOf(method.name()), path, Set.of()));
					}
					continue;
				}
				RequiresScope rule = handler.getMethodAnnotation(RequiresScope.class);
				assertThat(rule).as("%s must declare the scopes it needs with @RequiresScope", handler).isNotNull();
				Set<Scope> needs = EnumSet.copyOf(List.of(rule.value()));
				for (var method : entry.getKey().getMethodsCondition().getMethods()) {
					endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), path, needs));
				}
			}
		}
		return endpoints;
	}

	@Test
	void everyEndpointNeedsATokenWithItsScopes() {
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).extracting(Endpoint::path)
			.contains("/api/v1/inbound", "/api/v1/conversations/{id}", "/api/v1/customers/{id}/timeline",
					"/api/v1/tokens", "/api/v1/rules", "/api/v1/rules/{id}/replay", "/api/v1/events",
					"/api/v1/events/batch", "/api/v1/incidents", "/api/v1/incidents/{id}",
					"/api/v1/incidents/{id}/updates", "/api/v1/incidents/{id}/end");
		assertThat(webhooks).extracting(Endpoint::path).contains("/api/v1/channels/whatsapp/webhook");
		long tablesBefore = rows();
		for (Endpoint endpoint : endpoints) {
			String uri = endpoint.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			assertThat(call(endpoint.method(), uri, null).getResponse().getStatus()).as("%s without token", endpoint)
				.isEqualTo(401);
			for (Scope missing : endpoint.needs()) {
				Set<Scope> others = EnumSet.complementOf(EnumSet.of(missing));
				String token = "Bearer "
						+ tokens.issue("authz-" + UUID.randomUUID(), others, nl.baken.shared.Actor.system("test")).token();
				assertThat(call(endpoint.method(), uri, token).getResponse().getStatus())
					.as("%s with every scope but %s", endpoint, missing)
					.isEqualTo(403);
			}
			String allowed = "Bearer " + tokens
				.issue("authz-" + UUID.randomUUID(), endpoint.needs(), nl.baken.shared.Actor.system("test"))
				.token();
			assertThat(call(endpoint.method(), uri, allowed).getResponse().getStatus())
				.as("%s with its scopes", endpoint)
				.isNotIn(401, 403);
		}
		for (Endpoint webhook : webhooks) {
			// without the provider's signature (or verify token) a webhook refuses, whatever token comes along
			assertThat(call(webhook.method(), webhook.path(), null).getResponse().getStatus()).as("%s unsigned", webhook)
				.isIn(401, 403);
			String all = "Bearer " + tokens
				.issue("authz-" + UUID.randomUUID(), EnumSet.allOf(Scope.class), nl.baken.shared.Actor.system("test"))
				.token();
			assertThat(call(webhook.method(), webhook.path(), all).getResponse().getStatus())
				.as("%s unsigned, with a token", webhook)
				.isIn(401, 403);
		}
		// the tokens this test issued are the only rows it added: refused requests wrote nothing
		assertThat(rows() - tablesBefore).isEqualTo(jdbc.sql("select count(*) from api_token where name like 'authz-%'")
			.query(Long.class)
			.single() * 2);
	}

	/** Rows of every table that a request could write, plus the audit log (which token issuing also writes). */
	private long rows() {
		long total = 0;
		for (String table : List.of("customer", "customer_identity", "conversation", "message", "note",
				"contact_event", "customer_merge", "api_token", "audit_log", "preventive_rule",
				"preventive_rule_firing", "business_event", "incident", "incident_update")) {
			total += jdbc.sql("select count(*) from " + table).query(Long.class).single();
		}
		return total;
	}

	private MvcTestResult call(HttpMethod method, String uri, String token) {
		var request = mvc.method(method).uri(uri).contentType(MediaType.APPLICATION_JSON).content("{}");
		if (token != null) {
			request = request.header("Authorization", token);
		}
		return request.exchange();
	}
}
