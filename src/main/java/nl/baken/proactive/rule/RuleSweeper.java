package nl.baken.proactive.rule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every node sweeps each interval; the locked state rows and the unique firings decide who fires. */
@Component
@ConditionalOnProperty(name = "baken.rules.sweep.enabled", havingValue = "true", matchIfMissing = true)
class RuleSweeper {

	private static final Logger log = LoggerFactory.getLogger(RuleSweeper.class);

	private final PreventiveRules rules;

	RuleSweeper(PreventiveRules rules) {
		this.rules = rules;
	}

	@Scheduled(fixedDelayString = "${baken.rules.sweep.interval:PT30S}", initialDelayString = "PT5S")
	void sweep() {
		try {
			rules.sweep();
		}
		catch (RuntimeException e) {
			// the next sweep tries again
			log.warn("Rule sweep failed: {}", e.toString());
		}
	}
}
