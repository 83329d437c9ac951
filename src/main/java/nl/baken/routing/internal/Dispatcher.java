package nl.baken.routing.internal;

import nl.baken.routing.Callbacks;
import nl.baken.routing.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node runs a routing pass every interval: due callbacks enter the queue, then waiting contacts are assigned.
 * The passes of different nodes may overlap; the claims in the database decide.
 */
@Component
@ConditionalOnProperty(name = "baken.routing.dispatch.enabled", havingValue = "true", matchIfMissing = true)
class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final Routing routing;

	private final Callbacks callbacks;

	Dispatcher(Routing routing, Callbacks callbacks) {
		this.routing = routing;
		this.callbacks = callbacks;
	}

	@Scheduled(fixedDelayString = "${baken.routing.dispatch.interval:PT1S}")
	void pass() {
		try {
			callbacks.queueDue();
			routing.dispatch();
		}
		catch (RuntimeException e) {
			// the next pass tries again; one failure must not stop routing on this node
			log.warn("Routing pass failed: {}", e.toString());
		}
	}
}
