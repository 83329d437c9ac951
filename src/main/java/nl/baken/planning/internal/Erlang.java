package nl.baken.planning.internal;

import java.util.Arrays;

import nl.baken.shared.InvalidInputException;

/**
 * Erlang C (M/M/n) and Erlang A (M/M/n+M, exponential patience) for one interval, as defined in
 * KPI-DEFINITIONS.md. Everything is computed without factorials or powers: Erlang B by its recursion, the Erlang A
 * stationary distribution in log space, and the Erlang A service level by uniformisation, which only adds positive
 * terms. That keeps the figures finite and monotone for thousands of agents and thousands of calls per interval.
 */
public final class Erlang {

	/** Probabilities below this are dropped from the Erlang A chain's tail (relative to its mode). */
	private static final double LOG_TAIL = Math.log(1e-17);

	/** More queue states than this means the patience is too long for the figures to be meaningful. */
	private static final int MAX_STATES = 20_000_000;

	private Erlang() {
	}

	/**
	 * @param servers number of parallel servers
	 * @param probabilityOfWaiting share of arrivals that find all servers busy
	 * @param serviceLevel share of all arrivals answered within the target time (abandoned calls count as missed)
	 * @param averageSpeedOfAnswer mean wait of answered calls, zero waits included (infinite when the queue does not
	 *        settle)
	 * @param occupancy busy servers / servers
	 * @param probabilityOfAbandoning share of arrivals that hang up before being answered (0 in Erlang C)
	 */
	public record Figures(int servers, double probabilityOfWaiting, double serviceLevel, double averageSpeedOfAnswer,
			double occupancy, double probabilityOfAbandoning) {
	}

	/** Erlang B blocking for traffic {@code a} on {@code n} servers, by {@code B(k) = a·B(k−1) / (k + a·B(k−1))}. */
	public static double erlangB(double a, int n) {
		double b = 1;
		for (int k = 1; k <= n; k++) {
			b = a * b / (k + a * b);
		}
		return b;
	}

	/**
	 * Erlang C for traffic {@code a = λ·aht} on {@code n} servers with answer target {@code t} (same time unit as
	 * {@code aht}).
	 */
	public static Figures erlangC(double a, int n, double aht, double t) {
		return erlangC(a, n, erlangB(a, n), aht, t);
	}

	private static Figures erlangC(double a, int n, double b, double aht, double t) {
		if (a <= 0) {
			return new Figures(n, 0, 1, 0, 0, 0);
		}
		if (n <= a) {
			// the queue grows without bound: everybody waits and nobody is answered within any target
			return new Figures(n, 1, 0, Double.POSITIVE_INFINITY, 1, 0);
		}
		double pw = n * b / (n - a * (1 - b));
		double sl = 1 - pw * Math.exp(-(n - a) * t / aht);
		double asa = pw * aht / (n - a);
		return new Figures(n, pw, sl, asa, a / n, 0);
	}

	/** The fewest servers whose Erlang C service level reaches {@code target} (in (0, 1)); 0 without traffic. */
	public static int minimalServersC(double a, double aht, double t, double target) {
		if (a <= 0) {
			return 0;
		}
		int n = (int) Math.floor(a);
		double b = erlangB(a, n);
		while (true) {
			n++;
			b = a * b / (n + a * b);
			if (erlangC(a, n, b, aht, t).serviceLevel() >= target) {
				return n;
			}
		}
	}

	/**
	 * Erlang A: arrival rate {@code lambda}, mean handle time {@code aht}, mean patience {@code patience}, {@code n}
	 * servers, answer target {@code t}; rates and times in one unit (seconds in Baken).
	 */
	public static Figures erlangA(double lambda, double aht, double patience, int n, double t) {
		if (lambda <= 0) {
			return new Figures(n, 0, 1, 0, 0, 0);
		}
		if (n <= 0) {
			return new Figures(n, 1, 0, Double.POSITIVE_INFINITY, 0, 1);
		}
		double mu = 1 / aht;
		double theta = 1 / patience;
		double[] pi = stationary(lambda, mu, theta, n);
		double pWait = 0;
		double abandonRate = 0;
		double busy = 0;
		for (int j = 0; j < pi.length; j++) {
			if (j >= n) {
				pWait += pi[j];
				abandonRate += pi[j] * (j - n) * theta;
			}
			busy += Math.min(j, n) * pi[j];
		}
		double pAbandon = Math.min(1, abandonRate / lambda);
		// an arrival that finds j ≥ n in the system joins the queue at position j − n + 1 (PASTA)
		int positions = pi.length - n;
		double[] atPosition = Arrays.copyOfRange(pi, n, pi.length);
		double servedWithinT = (1 - pWait) + servedWithin(atPosition, positions, n * mu, theta, t);
		double answered = 1 - pAbandon;
		double asa = answered > 0 ? waitOfServed(atPosition, positions, n * mu, theta) / answered
				: Double.POSITIVE_INFINITY;
		return new Figures(n, clamp(pWait), clamp(servedWithinT), asa, clamp(busy / n), clamp(pAbandon));
	}

	/** The fewest servers whose Erlang A service level reaches {@code target}; the level grows with n. */
	public static int minimalServersA(double lambda, double aht, double patience, double t, double target) {
		if (lambda <= 0) {
			return 0;
		}
		int high = Math.max(1, minimalServersC(lambda * aht, aht, t, target));
		while (erlangA(lambda, aht, patience, high, t).serviceLevel() < target) {
			high *= 2;
		}
		int low = 0; // fails (no servers, nobody answered)
		while (high - low > 1) {
			int mid = (low + high) >>> 1;
			if (erlangA(lambda, aht, patience, mid, t).serviceLevel() >= target) {
				high = mid;
			}
			else {
				low = mid;
			}
		}
		return high;
	}

	/**
	 * Stationary distribution of the birth–death chain with birth rate λ and death rate
	 * {@code min(j, n)·μ + max(j − n, 0)·θ}, built in log space (no overflow however far n is from λ/μ) and cut
	 * where the tail falls below 1e-17 of the mode.
	 */
	static double[] stationary(double lambda, double mu, double theta, int n) {
		// the chain peaks where arrivals equal services plus abandons: refused before building millions of states
		if (lambda > n * mu && n + (lambda - n * mu) / theta >= MAX_STATES) {
			throw unsettled();
		}
		double[] log = new double[Math.max(16, 2 * n + 16)];
		double max = 0;
		int j = 0;
		log[0] = 0;
		while (true) {
			j++;
			if (j >= MAX_STATES) {
				throw unsettled();
			}
			if (j == log.length) {
				log = Arrays.copyOf(log, Math.min(MAX_STATES, log.length * 2));
			}
			double death = j <= n ? j * mu : n * mu + (j - n) * theta;
			log[j] = log[j - 1] + Math.log(lambda / death);
			max = Math.max(max, log[j]);
			// past the servers and the mode, terms only shrink: stop once they are negligible
			if (j > n && lambda < death && log[j] - max < LOG_TAIL) {
				break;
			}
		}
		double[] pi = new double[j + 1];
		double sum = 0;
		for (int k = 0; k <= j; k++) {
			pi[k] = Math.exp(log[k] - max);
			sum += pi[k];
		}
		for (int k = 0; k <= j; k++) {
			pi[k] /= sum;
		}
		return pi;
	}

	/**
	 * Probability (weighted by {@code weight[i]} for queue position i + 1) that a waiting caller is answered within
	 * {@code t}. From position i the caller moves up at rate {@code nμ + (i−1)θ} (a service completion or an
	 * abandonment ahead of it) and abandons at rate θ. Solved by uniformisation: a Poisson-weighted sum of the
	 * embedded discrete chain, all terms positive.
	 */
	static double servedWithin(double[] weight, int positions, double nMu, double theta, double t) {
		double uniform = nMu + positions * theta;
		double[] v = weight.clone();
		double lt = uniform * t;
		double logLt = Math.log(lt);
		double logPoisson = -lt;
		int last = (int) Math.ceil(lt + 12 * Math.sqrt(lt) + 30);
		double served = 0;
		double result = 0;
		double[] next = new double[positions];
		for (int k = 0; k <= last; k++) {
			if (k > 0) {
				logPoisson += logLt - Math.log(k);
			}
			result += Math.exp(logPoisson) * served;
			// one step of the embedded chain
			served += v[0] * nMu / uniform;
			for (int i = 0; i < positions; i++) {
				double up = nMu + i * theta;
				double stay = 1 - (up + theta) / uniform;
				double fromBehind = i + 1 < positions ? v[i + 1] * (nMu + (i + 1) * theta) / uniform : 0;
				next[i] = v[i] * stay + fromBehind;
			}
			double[] swap = v;
			v = next;
			next = swap;
		}
		return result;
	}

	/**
	 * Expected wait of a caller that is answered, times the chance it is answered, weighted over positions. Holding
	 * times and the event that ends them are independent for competing exponentials, so from position i:
	 * {@code P(answered) = Π r_k/(r_k+θ)} and the wait is {@code Σ 1/(r_k+θ)}.
	 */
	static double waitOfServed(double[] weight, int positions, double nMu, double theta) {
		double survive = 1;
		double meanWait = 0;
		double total = 0;
		for (int i = 0; i < positions; i++) {
			double rate = nMu + i * theta;
			survive *= rate / (rate + theta);
			meanWait += 1 / (rate + theta);
			total += weight[i] * survive * meanWait;
		}
		return total;
	}

	private static double clamp(double p) {
		return Math.max(0, Math.min(1, p));
	}

	private static InvalidInputException unsettled() {
		return new InvalidInputException("patienceSeconds", "the queue does not settle within the model's size: the "
				+ "patience is too long for this traffic and staffing; use a shorter patience, or Erlang C without one");
	}
}
