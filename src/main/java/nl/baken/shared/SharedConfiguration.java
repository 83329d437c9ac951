package nl.baken.shared;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

	/** All times are taken from this clock, in UTC, so tests can move it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	JdbcTransactionManager transactionManager(DataSource dataSource) {
		return new DurableTransactionManager(dataSource);
	}
}
