package nl.baken.planning.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * Interval forecast with intraday and weekday seasonality: each slot of the week (weekday × time of day) is an
 * exponentially weighted mean of the same slot in earlier weeks. That is the seasonal part of a double-seasonal
 * Holt-Winters without its level and trend, which on contact-centre data mostly chase noise; a weekly weighted mean
 * keeps the weekly pattern, follows slow change and averages out the noise that makes seasonal naive (last week's
 * value) jumpy. The smoothing weight is chosen by a backtest on the last week of the history. Holidays in the history
 * do not update the profile; a holiday in the horizon is scaled by how holidays in the history compared with their
 * profile (unchanged when the history has none).
 */
public final class Forecaster {

	static final double[] WEIGHTS = { 0.05, 0.1, 0.2, 0.3, 0.5, 0.8 };

	private Forecaster() {
	}

	/**
	 * A regular series.
	 *
	 * @param start the start of the first interval (local time)
	 * @param intervalMinutes minutes per value, dividing a day
	 * @param values contacts per interval
	 */
	public record Series(LocalDateTime start, int intervalMinutes, double[] values) {

		public int perDay() {
			return 1440 / intervalMinutes;
		}

		public int perWeek() {
			return 7 * perDay();
		}

		LocalDateTime at(int index) {
			return start.plusMinutes((long) index * intervalMinutes);
		}

		Series head(int length) {
			return new Series(start, intervalMinutes, java.util.Arrays.copyOf(values, length));
		}
	}

	/** Forecast quality on a holdout: weighted absolute percentage error and mean absolute percentage error. */
	public record Accuracy(double wape, double mape) {

		static Accuracy of(double[] actual, double[] forecast, int from) {
			double absolute = 0;
			double total = 0;
			double percentages = 0;
			int counted = 0;
			for (int i = from; i < actual.length; i++) {
				double error = Math.abs(actual[i] - forecast[i - from]);
				absolute += error;
				total += actual[i];
				if (actual[i] > 0) {
					percentages += error / actual[i];
					counted++;
				}
			}
			return new Accuracy(total > 0 ? absolute / total : 0, counted > 0 ? percentages / counted : 0);
		}
	}

	/** The model's and seasonal naive's accuracy on the last {@code holdoutDays} of a series. */
	public record Backtest(int holdoutIntervals, Accuracy model, Accuracy seasonalNaive, double smoothing) {
	}

	/** The next {@code horizon} intervals after the series, with the smoothing weight the backtest picks. */
	public static double[] forecast(Series history, int horizon, Set<LocalDate> holidays) {
		return forecast(history, horizon, holidays, bestWeight(history, holidays));
	}

	static double[] forecast(Series history, int horizon, Set<LocalDate> holidays, double weight) {
		int week = history.perWeek();
		double[] y = history.values();
		if (y.length < week) {
			throw new IllegalArgumentException("the history needs at least one week of intervals (" + week + ")");
		}
		// weekly slot k holds the profile for index ≡ k (mod week), started from the first week
		double[] profile = new double[week];
		boolean[] seen = new boolean[week];
		double holidayActual = 0;
		double holidayProfile = 0;
		for (int i = 0; i < y.length; i++) {
			int slot = i % week;
			if (holidays.contains(history.at(i).toLocalDate())) {
				if (seen[slot]) {
					holidayActual += y[i];
					holidayProfile += profile[slot];
				}
				continue;
			}
			profile[slot] = seen[slot] ? profile[slot] + weight * (y[i] - profile[slot]) : y[i];
			seen[slot] = true;
		}
		double holidayFactor = holidayProfile > 0 ? holidayActual / holidayProfile : 1;
		double[] result = new double[horizon];
		for (int h = 0; h < horizon; h++) {
			int index = y.length + h;
			double value = profile[index % week];
			if (holidays.contains(history.at(index).toLocalDate())) {
				value *= holidayFactor;
			}
			result[h] = Math.max(0, value);
		}
		return result;
	}

	/** Same interval one week earlier. */
	public static double[] seasonalNaive(Series history, int horizon) {
		int week = history.perWeek();
		double[] y = history.values();
		double[] result = new double[horizon];
		for (int h = 0; h < horizon; h++) {
			int back = y.length + h - week * (1 + h / week);
			result[h] = y[back];
		}
		return result;
	}

	/** Trains on all but the last {@code holdout} intervals and scores both forecasts on them. */
	public static Backtest backtest(Series series, int holdout, Set<LocalDate> holidays) {
		int train = series.values().length - holdout;
		if (holdout <= 0 || train < series.perWeek()) {
			throw new IllegalArgumentException("a backtest needs at least one week of history before the holdout");
		}
		Series head = series.head(train);
		double weight = bestWeight(head, holidays);
		return new Backtest(holdout, Accuracy.of(series.values(), forecast(head, holdout, holidays, weight), train),
				Accuracy.of(series.values(), seasonalNaive(head, holdout), train), weight);
	}

	/** The smoothing weight with the lowest WAPE on the last week, when there are two weeks to spare. */
	static double bestWeight(Series history, Set<LocalDate> holidays) {
		int week = history.perWeek();
		int train = history.values().length - week;
		if (train < 2 * week) {
			return 0.3;
		}
		Series head = history.head(train);
		double best = 0.3;
		double bestWape = Double.POSITIVE_INFINITY;
		for (double weight : WEIGHTS) {
			double wape = Accuracy.of(history.values(), forecast(head, week, holidays, weight), train).wape();
			if (wape < bestWape) {
				bestWape = wape;
				best = weight;
			}
		}
		return best;
	}
}
