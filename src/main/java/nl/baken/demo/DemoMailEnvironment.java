package nl.baken.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the e-mail channel at the demo's own mail server ({@link DemoMail}) when the demo is on and no mail server is
 * configured: the channel's adapter and fetcher exist only when their host is set, which has to be known before the
 * beans are made, so this runs on the environment (registered in {@code META-INF/spring.factories}). The settings go
 * last, so anything set elsewhere wins. Ports: {@code baken.demo.mail.smtp-port} (3025) and {@code imap-port} (3143),
 * or a free port when that one is taken or set to 0.
 */
class DemoMailEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "demoMailServer";

	static final String ON = "baken.demo.mail.server";

	static final String MAILBOX = "klantenservice@tuinhuys.example";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("baken.demo.enabled", Boolean.class, false)
				|| environment.containsProperty("baken.channels.email.smtp.host")
				|| environment.containsProperty("baken.channels.email.imap.host")
				|| environment.getPropertySources().contains(SOURCE)) {
			return;
		}
		Map<String, Object> mail = new LinkedHashMap<>();
		mail.put(ON, "true");
		mail.put("baken.channels.email.smtp.host", "127.0.0.1");
		mail.put("baken.channels.email.smtp.port", port(environment.getProperty("baken.demo.mail.smtp-port",
				Integer.class, 3025)));
		mail.put("baken.channels.email.imap.host", "127.0.0.1");
		mail.put("baken.channels.email.imap.port", port(environment.getProperty("baken.demo.mail.imap-port",
				Integer.class, 3143)));
		mail.put("baken.channels.email.imap.username", MAILBOX);
		// only Baken reads this mailbox; a new password on every start
		mail.put("baken.channels.email.imap.password", UUID.randomUUID().toString());
		mail.put("baken.channels.email.from-address", MAILBOX);
		mail.put("baken.channels.email.from-name", "Tuinhuys klantenservice");
		mail.put("baken.channels.email.brand", "tuinhuys");
		mail.put("baken.channels.email.poll-interval", "5s");
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE, mail));
	}

	/** The wanted port if it is free on loopback, else one that is. */
	static int port(int wanted) {
		if (wanted > 0) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted));
				return wanted;
			}
			catch (IOException taken) {
				// another program (or another Baken) has it: any free port will do, the log names it
			}
		}
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException("No free loopback port for the demo mail server", e);
		}
	}

	@Override
	public int getOrder() {
		// after the application's properties and the test's are read
		return Ordered.LOWEST_PRECEDENCE;
	}
}
