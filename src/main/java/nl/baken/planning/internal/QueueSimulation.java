package nl.baken.planning.internal;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Discrete-event simulation of the queue the Erlang formulas describe, and of what they leave out: Poisson arrivals,
 * exponential handle times and (optionally) exponential patience, first come first served, agents who each handle
 * up to {@code concurrency} contacts at once (chats), each extra chat making all of them slower by
 * {@code concurrencySlowdown}, and callers who choose a callback instead of waiting. It checks the formulas where
 * they hold (no slowdown, no callbacks: an agent with concurrency k is k servers) and is the reference where they do
 * not. A fixed seed makes a run repeatable; confidence intervals come from batch means after a warm-up.
 */
public final class QueueSimulation {

	/**
	 * @param lambda arrivals per second
	 * @param aht mean handle time in seconds of a contact handled alone
	 * @param patience mean patience in seconds, or infinity for none
	 * @param agents agents
	 * @param concurrency contacts one agent handles at once
	 * @param concurrencySlowdown relative extra handle time per other contact the agent handles at the start, e.g.
	 *        0.25: a chat started beside two others takes 1.5 × as long
	 * @param callbackShare share of callers who, finding every agent busy, ask for a callback instead of waiting
	 * @param callbackWindow seconds after the request within which the callback is promised
	 * @param target answer-time target in seconds
	 */
	public record Model(double lambda, double aht, double patience, int agents, int concurrency,
			double concurrencySlowdown, double callbackShare, double callbackWindow, double target) {

		/** The queue Erlang C (infinite patience) or Erlang A describes, with {@code servers} servers. */
		public static Model erlang(double lambda, double aht, double patience, int servers, double target) {
			return new Model(lambda, aht, patience, servers, 1, 0, 0, 0, target);
		}
	}

	/** A mean and the half-width of its 99% confidence interval. */
	public record Estimate(double mean, double halfWidth) {

		public boolean contains(double value) {
			return Math.abs(value - mean) <= halfWidth;
		}
	}

	/**
	 * Waiting, abandoning and service level are shares of the live contacts (callback requests are flow-outs, as in
	 * KPI-DEFINITIONS.md); {@code callbacks} is the share of arrivals that asked for one and {@code callbacksInTime}
	 * the share of those called within their window (1 when there were none).
	 */
	public record Result(long arrivals, Estimate probabilityOfWaiting, Estimate probabilityOfAbandoning,
			Estimate serviceLevel, Estimate occupancy, Estimate callbacks, Estimate callbacksInTime) {
	}

	private record Caller(double arrival, double givesUp, int batch) {
	}

	private record Completion(double at, int agent) {
	}

	private QueueSimulation() {
	}

	/** The Erlang C / Erlang A queue with {@code servers} servers. */
	public static Result run(double lambda, double aht, double patience, int servers, double target, int batches,
			int perBatch, long seed) {
		return run(Model.erlang(lambda, aht, patience, servers, target), batches, perBatch, seed);
	}

	/**
	 * @param batches number of batches (at least 2) of {@code perBatch} arrivals each, after as many warm-up arrivals
	 */
	public static Result run(Model model, int batches, int perBatch, long seed) {
		return new Run(model, batches, perBatch, seed).simulate();
	}

	/** One run's state; the counters are per batch, -1 is the warm-up. */
	private static final class Run {

		private final Model model;

		private final int batches;

		private final int perBatch;

		private final SplittableRandom random;

		private final PriorityQueue<Completion> completions = new PriorityQueue<>(
				(a, b) -> Double.compare(a.at(), b.at()));

		private final ArrayDeque<Caller> queue = new ArrayDeque<>();

		private final ArrayDeque<Caller> callbacks = new ArrayDeque<>();

		/** Agents by the number of contacts they handle now, so new work goes to the least busy. */
		private final LinkedHashSet<Integer>[] byLoad;

		private final int[] load;

		private final long[] arrivals;

		private final long[] live;

		private final long[] waited;

		private final long[] abandoned;

		private final long[] answeredInTime;

		private final long[] callbackRequests;

		private final long[] callbacksInTime;

		private final double[] busyTime;

		private final double[] batchStart;

		private int busy;

		private double now;

		@SuppressWarnings("unchecked")
		Run(Model model, int batches, int perBatch, long seed) {
			this.model = model;
			this.batches = batches;
			this.perBatch = perBatch;
			this.random = new SplittableRandom(seed);
			this.byLoad = new LinkedHashSet[model.concurrency() + 1];
			for (int level = 0; level <= model.concurrency(); level++) {
				byLoad[level] = new LinkedHashSet<>();
			}
			for (int agent = 0; agent < model.agents(); agent++) {
				byLoad[0].add(agent);
			}
			this.load = new int[model.agents()];
			this.arrivals = new long[batches];
			this.live = new long[batches];
			this.waited = new long[batches];
			this.abandoned = new long[batches];
			this.answeredInTime = new long[batches];
			this.callbackRequests = new long[batches];
			this.callbacksInTime = new long[batches];
			this.busyTime = new double[batches];
			this.batchStart = new double[batches + 1];
		}

		Result simulate() {
			double nextArrival = exponential(1 / model.lambda());
			long arrived = 0;
			long total = (long) (batches + 1) * perBatch;
			// after the last arrival, run on until everyone who arrived is served, has left or was called back
			while (arrived < total || !queue.isEmpty() || !callbacks.isEmpty()) {
				boolean arrival = arrived < total && (completions.isEmpty() || nextArrival <= completions.peek().at());
				double at = arrival ? nextArrival : completions.peek().at();
				// time up to the next event belongs to the batch of the latest arrival, until the last one
				int current = arrived == 0 || arrived == total ? -1 : (int) ((arrived - 1) / perBatch) - 1;
				if (current >= 0) {
					busyTime[current] += busy * (at - now);
				}
				now = at;
				if (arrival) {
					arrived++;
					int batch = (int) ((arrived - 1) / perBatch) - 1;
					if (batch >= 0 && (arrived - 1) % perBatch == 0) {
						batchStart[batch] = now;
					}
					if (arrived == total) {
						batchStart[batches] = now;
					}
					arrive(new Caller(now, now + exponential(model.patience()), batch));
					nextArrival = now + exponential(1 / model.lambda());
				}
				else {
					Completion done = completions.poll();
					release(done.agent());
					next();
				}
			}
			double[] pw = new double[batches];
			double[] pa = new double[batches];
			double[] sl = new double[batches];
			double[] occupancy = new double[batches];
			double[] cb = new double[batches];
			double[] cbInTime = new double[batches];
			int servers = model.agents() * model.concurrency();
			for (int b = 0; b < batches; b++) {
				pw[b] = share(waited[b], live[b]);
				pa[b] = share(abandoned[b], live[b]);
				sl[b] = share(answeredInTime[b], live[b]);
				occupancy[b] = busyTime[b] / ((batchStart[b + 1] - batchStart[b]) * servers);
				cb[b] = share(callbackRequests[b], arrivals[b]);
				cbInTime[b] = callbackRequests[b] == 0 ? 1 : share(callbacksInTime[b], callbackRequests[b]);
			}
			return new Result((long) batches * perBatch, estimate(pw), estimate(pa), estimate(sl),
					estimate(occupancy), estimate(cb), estimate(cbInTime));
		}

		private void arrive(Caller caller) {
			int batch = caller.batch();
			if (batch >= 0) {
				arrivals[batch]++;
			}
			if (busy < model.agents() * model.concurrency() && queue.isEmpty()) {
				count(live, batch);
				count(answeredInTime, batch);
				start();
			}
			else if (model.callbackShare() > 0 && random.nextDouble() < model.callbackShare()) {
				count(callbackRequests, batch);
				callbacks.add(caller);
			}
			else {
				count(live, batch);
				count(waited, batch);
				queue.add(caller);
			}
		}

		/**
		 * A slot came free: a callback whose promise runs out within one handle time goes first, then the live queue
		 * (callers whose patience ran out have left it by now), then any callback.
		 */
		private void next() {
			Caller callback = callbacks.peek();
			if (callback != null && callback.arrival() + model.callbackWindow() - model.aht() <= now) {
				startCallback(callbacks.poll());
				return;
			}
			while (!queue.isEmpty() && queue.peek().givesUp() <= now) {
				count(abandoned, queue.poll().batch());
			}
			Caller next = queue.poll();
			if (next != null) {
				if (now - next.arrival() <= model.target()) {
					count(answeredInTime, next.batch());
				}
				start();
			}
			else if (callback != null) {
				startCallback(callbacks.poll());
			}
		}

		private void startCallback(Caller callback) {
			if (now - callback.arrival() <= model.callbackWindow()) {
				count(callbacksInTime, callback.batch());
			}
			start();
		}

		private void start() {
			int level = 0;
			while (byLoad[level].isEmpty()) {
				level++;
			}
			int agent = byLoad[level].iterator().next();
			byLoad[level].remove(agent);
			byLoad[level + 1].add(agent);
			load[agent] = level + 1;
			busy++;
			double slower = 1 + model.concurrencySlowdown() * level;
			completions.add(new Completion(now + exponential(model.aht() * slower), agent));
		}

		private void release(int agent) {
			byLoad[load[agent]].remove(agent);
			load[agent]--;
			byLoad[load[agent]].add(agent);
			busy--;
		}

		private double exponential(double mean) {
			return Double.isInfinite(mean) ? Double.POSITIVE_INFINITY : -mean * Math.log(1 - random.nextDouble());
		}

		private static void count(long[] counter, int batch) {
			if (batch >= 0) {
				counter[batch]++;
			}
		}
	}

	private static double share(long part, long whole) {
		return whole == 0 ? 0 : (double) part / whole;
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
}
