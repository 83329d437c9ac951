package nl.baken.planning;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import nl.baken.planning.internal.Forecaster;
import nl.baken.planning.internal.HistoryCsv;
import nl.baken.shared.Command;
import nl.baken.shared.CommandArguments;
import nl.baken.shared.InvalidInputException;

/**
 * {@code forecast --history H.csv --horizon-days N [--interval-minutes M] [--holidays dates.txt] [--out F.csv]}:
 * writes {@code timestamp,forecast} for the N days after the history ends (to stdout unless {@code --out}); a
 * backtest of the last week against seasonal naive goes to stderr.
 */
public final class ForecastCommand implements Command {

	private static final Set<String> OPTIONS = Set.of("history", "horizon-days", "interval-minutes", "holidays",
			"out");

	@Override
	public String name() {
		return "forecast";
	}

	@Override
	public String usage() {
		return "forecast --history H.csv --horizon-days N [--interval-minutes M] [--holidays dates.txt] [--out F.csv]";
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		CommandArguments arguments = CommandArguments.parse(args, OPTIONS);
		int days = arguments.whole("horizon-days");
		if (days < 1 || days > 366) {
			throw new InvalidInputException("--horizon-days", "--horizon-days must be between 1 and 366");
		}
		Integer interval = arguments.has("interval-minutes") ? arguments.whole("interval-minutes") : null;
		HistoryCsv.History history = HistoryCsv.read(lines(arguments.text("history"), "--history"), interval);
		Set<LocalDate> holidays = arguments.has("holidays")
				? HistoryCsv.dates(lines(arguments.text("holidays"), "--holidays")) : Set.of();
		Forecaster.Series series = history.series();
		if (series.values().length < series.perWeek()) {
			throw new InvalidInputException("--history", "the history needs at least one whole week ("
					+ series.perWeek() + " intervals of " + series.intervalMinutes() + " minutes), it has "
					+ series.values().length);
		}
		int horizon = days * series.perDay();
		double[] forecast = Forecaster.forecast(series, horizon, holidays);
		StringBuilder csv = new StringBuilder("timestamp,forecast\n");
		for (int h = 0; h < horizon; h++) {
			csv.append(history.format(series.start()
				.plusMinutes((long) (series.values().length + h) * series.intervalMinutes())))
				.append(',')
				.append(String.format(Locale.ROOT, "%.2f", forecast[h]))
				.append('\n');
		}
		if (arguments.has("out")) {
			try {
				Files.writeString(Path.of(arguments.text("out")), csv, StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		else {
			out.print(csv);
		}
		if (series.values().length >= 2 * series.perWeek()) {
			Forecaster.Backtest test = Forecaster.backtest(series, series.perWeek(), holidays);
			err.printf(Locale.ROOT, "backtest on the last week: WAPE %.4f MAPE %.4f (smoothing %.2f); "
					+ "seasonal naive WAPE %.4f MAPE %.4f%n", test.model().wape(), test.model().mape(), test.smoothing(),
					test.seasonalNaive().wape(), test.seasonalNaive().mape());
		}
		return 0;
	}

	private static List<String> lines(String file, String option) {
		try {
			return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException e) {
			throw new InvalidInputException(option, "no such file: " + file);
		}
		catch (IOException e) {
			throw new InvalidInputException(option, "cannot read " + file + ": " + e.getMessage());
		}
	}
}
