package nl.baken.proactive.notice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import nl.baken.shared.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Volume per channel per minute and per hour, counted in the database so every node draws from the same budget. A
 * slot is taken with a conditional update in a transaction of its own (committed at once, so other nodes see it;
 * a send that fails afterwards leaves its slot used, which errs on the quiet side).
 */
@Component
class VolumeLimits {

	private final JdbcClient jdbc;

	private final NotificationSettings settings;

	private final TransactionTemplate ownTransaction;

	VolumeLimits(JdbcClient jdbc, NotificationSettings settings, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Takes one send on {@code channel} at {@code now}; empty when taken, else when the next window opens. */
	Optional<Instant> take(String channel, Instant now) {
		NotificationSettings.Limit limit = settings.limit(channel);
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		if (!takeOne(channel, "minute", minute, limit.perMinute())) {
			return Optional.of(minute.plus(1, ChronoUnit.MINUTES));
		}
		if (!takeOne(channel, "hour", hour, limit.perHour())) {
			giveBack(channel, "minute", minute);
			return Optional.of(hour.plus(1, ChronoUnit.HOURS));
		}
		return Optional.empty();
	}

	/** How many sends a window has used so far (for the admin page). */
	int used(String channel, String period, Instant windowStart) {
		return jdbc.sql("select used from notice_volume where channel = ? and period = ? and window_start = ?")
			.params(channel, period, Sql.utc(windowStart))
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	private boolean takeOne(String channel, String period, Instant window, int max) {
		if (max <= 0) {
			return false;
		}
		for (int attempt = 0; attempt < 2; attempt++) {
			Boolean taken = ownTransaction.execute(status -> jdbc.sql("""
					update notice_volume set used = used + 1
					where channel = ? and period = ? and window_start = ? and used < ?""")
				.params(channel, period, Sql.utc(window), max)
				.update() == 1);
			if (Boolean.TRUE.equals(taken)) {
				return true;
			}
			try {
				ownTransaction.executeWithoutResult(status -> jdbc.sql("""
						insert into notice_volume (channel, period, window_start, used) values (?, ?, ?, 1)""")
					.params(channel, period, Sql.utc(window))
					.update());
				return true;
			}
			catch (DuplicateKeyException e) {
				// the window's row exists: full, or another node created it just now; the update decides
			}
		}
		return false;
	}

	private void giveBack(String channel, String period, Instant window) {
		ownTransaction.executeWithoutResult(status -> jdbc.sql("""
				update notice_volume set used = used - 1 where channel = ? and period = ? and window_start = ?
				and used > 0""")
			.params(channel, period, Sql.utc(window))
			.update());
	}
}
