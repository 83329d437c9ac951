package nl.baken.shared.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.shared.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses API request bodies over the limit: at once when Content-Length says so, otherwise while the body is read
 * (chunked uploads), so a large body never reaches the application in full. A provider's webhook
 * ({@code /api/v1/channels/{channel}/webhook}) has a limit of its own: the provider batches notifications, and what it
 * cannot deliver it retries until it gives up, so a limit below its largest payload would lose messages.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyLimitFilter extends OncePerRequestFilter {

	private static final Pattern WEBHOOK = Pattern.compile("/api/v1/channels/[^/]+/webhook");

	private final long limit;

	private final long webhookLimit;

	private final JsonMapper json;

	BodyLimitFilter(@Value("${baken.api.max-body-bytes:262144}") long limit,
			@Value("${baken.api.webhook-max-body-bytes:4194304}") long webhookLimit, JsonMapper json) {
		this.limit = limit;
		this.webhookLimit = webhookLimit;
		this.json = json;
	}

	/**
	 * The API, and the web chat's visitor API except its file uploads (which have a limit of their own, enforced while
	 * the multipart body is read).
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI();
		if (uri.startsWith("/webchat/api/")) {
			String type = request.getContentType();
			return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
		}
		return !uri.startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long allowed = WEBHOOK.matcher(request.getRequestURI()).matches() ? webhookLimit : limit;
		if (request.getContentLengthLong() > allowed) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.CONTENT_TOO_LARGE,
					"body-too-large", "Request body too large", new BodyTooLargeException(allowed).getMessage()));
			return;
		}
		chain.doFilter(new LimitedRequest(request, allowed), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedStream(super.getInputStream(), limit);
			}
			return stream;
		}
	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			read += n;
			if (read > limit) {
				throw new BodyTooLargeException(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}
