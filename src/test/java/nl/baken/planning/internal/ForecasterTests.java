package nl.baken.planning.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ForecasterTests {

	/**
	 * Eight weeks of 15-minute intervals: a weekday pattern (quiet weekend), an intraday pattern with morning and
	 * afternoon peaks, and Poisson noise.
	 */
	static Forecaster.Series synthetic(long seed, int weeks) {
		Random random = new Random(seed);
		int perDay = 96;
		double[] weekday = { 1.0, 0.9, 0.85, 0.85, 0.8, 0.35, 0.2 };
		double[] values = new double[weeks * 7 * perDay];
		LocalDateTime monday = LocalDateTime.of(2026, 1, 5, 0, 0);
		for (int i = 0; i < values.length; i++) {
			int day = i / perDay % 7;
			double hour = (i % perDay) / 4.0;
			double intraday = hour < 7 || hour >= 21 ? 0.05
					: Math.exp(-Math.pow(hour - 10, 2) / 4) + 0.7 * Math.exp(-Math.pow(hour - 15, 2) / 6) + 0.1;
			values[i] = poisson(random, 60 * weekday[day] * intraday);
		}
		return new Forecaster.Series(monday, 15, values);
	}

	static int poisson(Random random, double mean) {
		// normal approximation is enough above 30; Knuth below
		if (mean > 30) {
			return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
		}
		double limit = Math.exp(-mean);
		double product = random.nextDouble();
		int count = 0;
		while (product > limit) {
			product *= random.nextDouble();
			count++;
		}
		return count;
	}

	@Test
	void beatsSeasonalNaiveOnAHoldoutWeek() {
		for (long seed = 1; seed <= 3; seed++) {
			Forecaster.Series series = synthetic(seed, 8);
			Forecaster.Backtest test = Forecaster.backtest(series, series.perWeek(), Set.of());
			System.out.printf("seed %d: model WAPE %.4f MAPE %.4f (smoothing %.2f); seasonal naive WAPE %.4f MAPE %.4f%n",
					seed, test.model().wape(), test.model().mape(), test.smoothing(), test.seasonalNaive().wape(),
					test.seasonalNaive().mape());
			assertThat(test.model().wape()).isLessThan(0.9 * test.seasonalNaive().wape());
			assertThat(test.model().mape()).isLessThan(test.seasonalNaive().mape());
		}
	}

	@Test
	void forecastsTheDaysAfterTheHistory() {
		Forecaster.Series series = synthetic(7, 4);
		double[] forecast = Forecaster.forecast(series, 2 * 96, Set.of());
		assertThat(forecast).hasSize(192);
		// history ends on a Sunday: the forecast starts on Monday, busier at 10:00 than at 03:00 and than Sunday
		assertThat(forecast[40]).isGreaterThan(30).isGreaterThan(5 * forecast[12]);
		assertThat(forecast[40]).isGreaterThan(2 * series.values()[series.values().length - 96 + 40]);
	}
}
