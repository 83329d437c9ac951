package nl.baken.channel.webchat;

import nl.baken.shared.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** The widget API's own refusals as problem+json; everything else is answered by the shared problem handler. */
@RestControllerAdvice(assignableTypes = WidgetApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WidgetProblems {

	@ExceptionHandler(WidgetApiController.InvalidVisitorToken.class)
	ResponseEntity<ProblemDetail> invalidToken(WidgetApiController.InvalidVisitorToken e) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"webchat\"")
			.body(Problems.of(HttpStatus.UNAUTHORIZED, "visitor-token", "Invalid visitor token", e.getMessage()));
	}

	@ExceptionHandler(SiteIdentities.IdentityRefused.class)
	ProblemDetail identityRefused(SiteIdentities.IdentityRefused e) {
		return Problems.of(HttpStatus.UNAUTHORIZED, "identity-refused", "Signed identity refused", e.getMessage());
	}

	@ExceptionHandler(RateLimiter.TooManyRequests.class)
	ResponseEntity<ProblemDetail> tooMany(RateLimiter.TooManyRequests e) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
			.body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", e.getMessage()));
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "File too large",
				"The file is larger than the server accepts.");
	}
}
