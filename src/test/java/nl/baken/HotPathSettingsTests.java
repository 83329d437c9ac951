package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import nl.baken.conversation.internal.ConversationStore;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor;

/**
 * The settings in application.properties that keep per-request overhead off the inbound path take effect: Spring Boot
 * 4 renamed one of them and silently ignored the old name, so the overhead stayed (docs/benchmarks.md).
 */
class HotPathSettingsTests extends ApiTestSupport {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ObservationRegistry observations;

	@Test
	void repositoriesAreNotWrappedInAnExceptionTranslationProxy() {
		assertThat(context.getBeanNamesForType(PersistenceExceptionTranslationPostProcessor.class)).isEmpty();
		assertThat(AopUtils.isAopProxy(context.getBean(ConversationStore.class))).isFalse();
	}

	@Test
	void httpRequestsAreNotObservedWhileOtherObservationsStillAre() {
		assertThat(Observation.createNotStarted("http.server.requests", observations).isNoop()).isTrue();
		assertThat(Observation.createNotStarted("http.client.requests", observations).isNoop()).isFalse();
	}
}
