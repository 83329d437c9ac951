package nl.baken.shared.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.Problems;
import nl.baken.shared.RuleViolationException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of the HTTP API into an RFC 9457 problem detail whose {@code detail} tells a developer what to
 * change. Field-level problems also list the offending fields under {@code errors}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
	}

	@ExceptionHandler(RuleViolationException.class)
	ProblemDetail conflict(RuleViolationException e) {
		return problem(HttpStatus.CONFLICT, "conflict", "Not allowed in the current state", e.getMessage());
	}

	/**
	 * A unique key caught a concurrent request doing the same thing (e.g. two replies with one idempotency key), or,
	 * with SQLSTATE class 22, a value the database refuses, which no repeat would change.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail clash(DataIntegrityViolationException e) {
		SQLException refused = causeOf(e, SQLException.class);
		if (refused != null && refused.getSQLState() != null && refused.getSQLState().startsWith("22")) {
			return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
					"A value could not be stored: it is too long or has a character the database does not accept.");
		}
		return problem(HttpStatus.CONFLICT, "conflict", "Conflicts with stored data",
				"A concurrent request changed the same data; repeat the request to get its result.");
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException e) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
		return problem;
	}

	@ExceptionHandler(BodyTooLargeException.class)
	ProblemDetail tooLarge(BodyTooLargeException e) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large", e.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				"'" + e.getName() + "' has an invalid value: " + e.getValue());
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		BodyTooLargeException tooLarge = causeOf(ex, BodyTooLargeException.class);
		if (tooLarge != null) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
		}
		return ResponseEntity.badRequest().body(unreadable(ex));
	}

	private ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		UnrecognizedPropertyException unknown = causeOf(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			return fieldProblem(path(unknown), "unknown field '" + unknown.getPropertyName() + "'");
		}
		InvalidFormatException format = causeOf(ex, InvalidFormatException.class);
		if (format != null) {
			return fieldProblem(path(format), "'" + format.getValue() + "' is not a valid "
					+ format.getTargetType().getSimpleName());
		}
		MismatchedInputException mismatch = causeOf(ex, MismatchedInputException.class);
		if (mismatch != null) {
			return fieldProblem(path(mismatch), "wrong type: expected "
					+ (mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName()));
		}
		StreamReadException broken = causeOf(ex, StreamReadException.class);
		if (broken != null) {
			return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
					"The request body is not valid JSON: " + broken.getOriginalMessage());
		}
		return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
				"The request body is missing or cannot be read as JSON.");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
			.map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		String detail = errors.stream()
			.map(error -> error.get("field") + " " + error.get("message"))
			.sorted()
			.collect(Collectors.joining("; "));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getParameterValidationResults().stream()
			.flatMap(result -> result.getResolvableErrors().stream()
				.map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
			.sorted()
			.collect(Collectors.joining("; "));
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail));
	}

	private static ProblemDetail fieldProblem(String field, String message) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				field.isEmpty() ? message : field + ": " + message);
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		return Problems.of(status, type, title, detail);
	}

	private static String path(JacksonException e) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : e.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}
}
