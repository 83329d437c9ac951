package nl.baken.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The demo is on by default only for the embedded H2 database; an explicit setting always wins. */
class DemoDefaultTests {

	@Test
	void unsetItIsOnForH2AndOffForPostgres() {
		assertThat(demo("jdbc:h2:file:./data/baken;QUERY_CACHE_SIZE=64", null)).isEqualTo("true");
		assertThat(demo("jdbc:postgresql://db.example.internal:5432/baken", null)).isEqualTo("false");
	}

	@Test
	void anExplicitSettingWinsOnEitherDatabase() {
		assertThat(demo("jdbc:h2:file:./data/baken", "false")).isEqualTo("false");
		assertThat(demo("jdbc:postgresql://localhost/baken", "true")).isEqualTo("true");
	}

	@Test
	void theEnvironmentVariableCountsAsSet() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
				Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost/baken", "BAKEN_DEMO_ENABLED", "true")));
		new DemoDefault().postProcessEnvironment(environment, null);
		assertThat(environment.getProperty(DemoDefault.PROPERTY)).isEqualTo("true");
	}

	private static String demo(String url, String setting) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		if (setting != null) {
			properties.put(DemoDefault.PROPERTY, setting);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new DemoDefault().postProcessEnvironment(environment, null);
		return environment.getProperty(DemoDefault.PROPERTY);
	}
}
