package nl.baken.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * An organisation's system as Baken calls it: a real HTTP server on loopback that checks the signature of every call
 * and answers with a reference, or with the status it is told to.
 */
public final class IntegrationPeer implements AutoCloseable {

	public record Call(String path, String idempotencyKey, String body, boolean signatureValid) {
	}

	public final List<Call> calls = new CopyOnWriteArrayList<>();

	public volatile int status = 200;

	private final String secret;

	private final HttpServer server;

	public IntegrationPeer(String secret) throws IOException {
		this.secret = secret;
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			try (exchange; InputStream in = exchange.getRequestBody()) {
				byte[] body = in.readAllBytes();
				boolean valid = Integrations.verify(secret,
						exchange.getRequestHeaders().getFirst(Integrations.SIGNATURE_HEADER), body, Instant.now(),
						Duration.ofMinutes(5));
				calls.add(new Call(exchange.getRequestURI().getPath(),
						exchange.getRequestHeaders().getFirst("Idempotency-Key"), new String(body, StandardCharsets.UTF_8),
						valid));
				int answer = valid ? status : 401;
				byte[] reply = (answer == 200 ? "{\"message\":\"Booked, reference R-42\"}" : "{\"message\":\"no\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(answer, reply.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(reply);
				}
			}
		});
		server.start();
	}

	public void registerWith(Integrations integrations, String name) {
		integrations.register(name, URI.create("http://127.0.0.1:" + server.getAddress().getPort()), secret);
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
