package nl.baken.planning.internal;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Discrete-event simulation of the queue the Erlang formulas describe: Poisson arrivals, exponential handle times
 * and (optionally) exponential patience, first come first served, {@code servers} parallel servers (an agent with
 * chat concurrency k counts as k servers). It checks the formulas where they hold and is the reference where they
 * do not. A fixed seed makes a run repeatable; confidence intervals come from batch means after a warm-up.
 */
public final class QueueSimulation {

	/** A mean and the half-width of its 99% confidence interval. */
	public record Estimate(double mean, double halfWidth) {

		public boolean contains(double value) {
			return Math.abs(value - mean) <= halfWidth;
		}
	}

	public record Result(long arrivals, Estimate probabilityOfWaiting, Estimate probabilityOfAbandoning,
			Estimate serviceLevel, Estimate occupancy) {
	}

	private record Caller(double arrival, double givesUp, int batch) {
	}

	private QueueSimulation() {
	}

	/**
	 * @param lambda arrivals per second
	 * @param aht mean handle time in seconds
	 * @param patience mean patience in seconds, or infinity for none (Erlang C)
	 * @param servers parallel servers
	 * @param target answer-time target in seconds
	 * @param batches number of batches (at least 2) of {@code perBatch} arrivals each, after as many warm-up arrivals
	 */
	public static Result run(double lambda, double aht, double patience, int servers, double target, int batches,
			int perBatch, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		PriorityQueue<Double> completions = new PriorityQueue<>();
		ArrayDeque<Caller> queue = new ArrayDeque<>();
		long[] arrivals = new long[batches];
		long[] waited = new long[batches];
		long[] abandoned = new long[batches];
		long[] answeredInTime = new long[batches];
		double[] busyTime = new double[batches];
		double[] batchStart = new double[batches + 1];
		int busy = 0;
		double now = 0;
		double nextArrival = exponential(random, 1 / lambda);
		long arrived = 0;
		long total = (long) (batches + 1) * perBatch;
		while (arrived < total || !completions.isEmpty() && !queue.isEmpty()) {
			boolean arrival = arrived < total && (completions.isEmpty() || nextArrival <= completions.peek());
			double at = arrival ? nextArrival : completions.peek();
			int current = (int) (arrived / perBatch) - 1; // the batch now running, -1 during warm-up
			if (current >= 0 && current < batches) {
				busyTime[current] += busy * (at - now);
			}
			now = at;
			if (arrival) {
				arrived++;
				int batch = (int) ((arrived - 1) / perBatch) - 1;
				if (batch >= 0 && (arrived - 1) % perBatch == 0) {
					batchStart[batch] = now;
				}
				if (batch >= 0) {
					arrivals[batch]++;
				}
				if (busy < servers) {
					busy++;
					completions.add(now + exponential(random, aht));
					if (batch >= 0) {
						answeredInTime[batch]++;
					}
				}
				else {
					if (batch >= 0) {
						waited[batch]++;
					}
					queue.add(new Caller(now, now + exponential(random, patience), batch));
				}
				nextArrival = now + exponential(random, 1 / lambda);
			}
			else {
				completions.poll();
				busy--;
				// callers whose patience ran out left the queue at that moment; settle them now
				while (!queue.isEmpty() && queue.peek().givesUp() <= now) {
					Caller gone = queue.poll();
					if (gone.batch() >= 0) {
						abandoned[gone.batch()]++;
					}
				}
				Caller next = queue.poll();
				if (next != null) {
					busy++;
					completions.add(now + exponential(random, aht));
					if (next.batch() >= 0 && now - next.arrival() <= target) {
						answeredInTime[next.batch()]++;
					}
				}
			}
			if (arrived >= total && queue.isEmpty()) {
				break;
			}
		}
		batchStart[batches] = now;
		double[] pw = new double[batches];
		double[] pa = new double[batches];
		double[] sl = new double[batches];
		double[] occupancy = new double[batches];
		for (int b = 0; b < batches; b++) {
			pw[b] = (double) waited[b] / arrivals[b];
			pa[b] = (double) abandoned[b] / arrivals[b];
			sl[b] = (double) answeredInTime[b] / arrivals[b];
			double length = (b + 1 < batches ? batchStart[b + 1] : batchStart[batches]) - batchStart[b];
			occupancy[b] = busyTime[b] / (length * servers);
		}
		return new Result((long) batches * perBatch, estimate(pw), estimate(pa), estimate(sl), estimate(occupancy));
	}

	private static Estimate estimate(double[] values) {
		double mean = 0;
		for (double v : values) {
			mean += v;
		}
		mean /= values.length;
		double squares = 0;
		for (double v : values) {
			squares += (v - mean) * (v - mean);
		}
		double sd = Math.sqrt(squares / (values.length - 1));
		// z for 99%; with 30 or more batches Student's t is within 5% of it
		return new Estimate(mean, 2.576 * sd / Math.sqrt(values.length) * (1 + 1.0 / values.length));
	}

	private static double exponential(SplittableRandom random, double mean) {
		return Double.isInfinite(mean) ? Double.POSITIVE_INFINITY : -mean * Math.log(1 - random.nextDouble());
	}
}
