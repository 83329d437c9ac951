package nl.baken.shared.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * What is shown when no page or endpoint handled a request (an unknown address, a method the address does not take, a
 * page the person's role does not open, an unexpected failure), instead of the server's default error page: an RFC
 * 9457 problem detail on the HTTP API and the web chat's API, a page in the person's language everywhere else.
 */
@Controller
class ErrorPages implements ErrorController {

	private final JsonMapper json;

	ErrorPages(JsonMapper json) {
		this.json = json;
	}

	@RequestMapping("/error")
	ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c)
				: HttpStatus.INTERNAL_SERVER_ERROR;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = uri instanceof String p ? p : "";
		if (path.startsWith("/api/") || path.startsWith("/webchat/api/")) {
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem(status, path, response.getHeader(HttpHeaders.ALLOW),
					request.getAttribute(RequestDispatcher.ERROR_MESSAGE)));
			return null;
		}
		String kind = switch (status) {
			case NOT_FOUND, FORBIDDEN -> String.valueOf(status.value());
			default -> status.is5xxServerError() ? "500" : "other";
		};
		return new ModelAndView("error",
				Map.of("status", status.value(), "kind", kind, "desk", path.startsWith("/desk")), status);
	}

	// A developer reads this: say what to change. A server error's own message stays in the log. (The error dispatch
	// is a GET whatever the request was, so the method is not known here; the Allow header is.)
	private static Map<String, Object> problem(HttpStatus status, String path, String allowed, Object message) {
		String type;
		String detail;
		switch (status) {
			case NOT_FOUND -> {
				type = "not-found";
				detail = "There is no endpoint at " + path + ". The API is described at /openapi.";
			}
			case METHOD_NOT_ALLOWED -> {
				type = "method-not-allowed";
				detail = path + " does not take this method" + (allowed == null ? "" : "; it takes " + allowed)
						+ ". The API at /openapi lists the methods of each address.";
			}
			default -> {
				type = status.is5xxServerError() ? "server-error" : "request-refused";
				detail = status.is4xxClientError() && message instanceof String m && !m.isBlank() ? m
						: status.is5xxServerError() ? "The request failed unexpectedly and was logged; try it again."
								: status.getReasonPhrase() + ".";
			}
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "https://baken.nl/problems/" + type);
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", path);
		return problem;
	}
}
