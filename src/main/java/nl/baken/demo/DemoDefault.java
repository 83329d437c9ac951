package nl.baken.demo;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Whether the demo organisation is seeded when {@code baken.demo.enabled} is not set: on the embedded H2 default
 * yes, so the README's run command shows a working desk; on any other database no, so a production PostgreSQL that
 * forgot the setting never gets the demo's known passwords and API token. Registered in
 * {@code META-INF/spring.factories}; runs before {@link DemoMailEnvironment}, which reads the answer.
 */
class DemoDefault implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "baken.demo.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(PROPERTY)) {
			return;
		}
		boolean embedded = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
		environment.getPropertySources()
			.addLast(new MapPropertySource("demoDefault", Map.of(PROPERTY, String.valueOf(embedded))));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}
}
