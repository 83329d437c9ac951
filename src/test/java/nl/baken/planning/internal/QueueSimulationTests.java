package nl.baken.planning.internal;

import static org.assertj.core.api.Assertions.assertThat;

import nl.baken.RandomInput;
import nl.baken.planning.internal.QueueSimulation.Model;
import org.junit.jupiter.api.Test;

/**
 * The Erlang figures fall inside the 99% confidence interval of a simulation of the same queue; where the formulas
 * stop holding (chats that slow each other down, callbacks) the simulation shows by how much.
 */
class QueueSimulationTests {

	static final double LAMBDA = 100.0 / 1800;

	@Test
	void erlangCAgreesWithTheSimulation() {
		QueueSimulation.Result sim = QueueSimulation.run(LAMBDA, 180, Double.POSITIVE_INFINITY, 14, 20, 40, 20_000, 42);
		Erlang.Figures c = Erlang.erlangC(10, 14, 180, 20);
		report("Erlang C", sim, c);
		assertThat(sim.probabilityOfAbandoning().mean()).isZero();
		assertThat(sim.probabilityOfWaiting().contains(c.probabilityOfWaiting())).isTrue();
		assertThat(sim.serviceLevel().contains(c.serviceLevel())).isTrue();
		assertThat(sim.occupancy().contains(c.occupancy())).isTrue();
	}

	@Test
	void erlangAAgreesWithTheSimulation() {
		QueueSimulation.Result sim = QueueSimulation.run(LAMBDA, 180, 300, 14, 20, 40, 20_000, 7);
		Erlang.Figures a = Erlang.erlangA(LAMBDA, 180, 300, 14, 20);
		report("Erlang A", sim, a);
		assertThat(sim.probabilityOfWaiting().contains(a.probabilityOfWaiting())).isTrue();
		assertThat(sim.probabilityOfAbandoning().contains(a.probabilityOfAbandoning())).isTrue();
		assertThat(sim.serviceLevel().contains(a.serviceLevel())).isTrue();
		assertThat(sim.occupancy().contains(a.occupancy())).isTrue();
	}

	@Test
	void erlangAAgreesWhenUnderstaffed() {
		// fewer agents than Erlangs: Erlang C has no steady state, Erlang A still does
		QueueSimulation.Result sim = QueueSimulation.run(LAMBDA, 180, 120, 9, 20, 40, 20_000, 11);
		Erlang.Figures a = Erlang.erlangA(LAMBDA, 180, 120, 9, 20);
		report("Erlang A, 9 agents", sim, a);
		assertThat(sim.probabilityOfAbandoning().contains(a.probabilityOfAbandoning())).isTrue();
		assertThat(sim.serviceLevel().contains(a.serviceLevel())).isTrue();
	}

	private static void report(String name, QueueSimulation.Result sim, Erlang.Figures f) {
		System.out.printf("%s: Pw %.6f sim %.6f±%.6f; Pab %.6f sim %.6f±%.6f; SL %.6f sim %.6f±%.6f; occ %.6f sim %.6f±%.6f%n",
				name, f.probabilityOfWaiting(), sim.probabilityOfWaiting().mean(),
				sim.probabilityOfWaiting().halfWidth(), f.probabilityOfAbandoning(),
				sim.probabilityOfAbandoning().mean(), sim.probabilityOfAbandoning().halfWidth(), f.serviceLevel(),
				sim.serviceLevel().mean(), sim.serviceLevel().halfWidth(), f.occupancy(), sim.occupancy().mean(),
				sim.occupancy().halfWidth());
	}

	@Test
	void chatsWithConcurrencyAndNoSlowdownAreErlangCWithAServerPerChat() {
		QueueSimulation.Result sim = QueueSimulation.run(new Model(LAMBDA, 180, Double.POSITIVE_INFINITY, 7, 2, 0, 0,
				0, 20), 40, 20_000, 5);
		Erlang.Figures c = Erlang.erlangC(10, 14, 180, 20);
		report("7 agents × 2 chats", sim, c);
		assertThat(sim.serviceLevel().contains(c.serviceLevel())).isTrue();
		assertThat(sim.probabilityOfWaiting().contains(c.probabilityOfWaiting())).isTrue();
	}

	@Test
	void chatsThatSlowEachOtherDownServeWorseThanTheFormulaPromises() {
		QueueSimulation.Result sim = QueueSimulation.run(new Model(LAMBDA, 180, Double.POSITIVE_INFINITY, 7, 2, 0.2,
				0, 0, 20), 40, 20_000, 5);
		Erlang.Figures c = Erlang.erlangC(10, 14, 180, 20);
		report("7 agents × 2 chats, 20% slower each", sim, c);
		assertThat(sim.serviceLevel().mean() + sim.serviceLevel().halfWidth()).isLessThan(c.serviceLevel());
		assertThat(sim.occupancy().mean() - sim.occupancy().halfWidth()).isGreaterThan(c.occupancy());
	}

	@Test
	void callbacksTakeWaitingOutOfThePeakAndKeepTheirPromiseWhenTheWindowAllows() {
		// 11 agents for 10 Erlangs: a long queue without callbacks
		QueueSimulation.Result without = QueueSimulation.run(new Model(LAMBDA, 180, Double.POSITIVE_INFINITY, 11, 1,
				0, 0, 0, 20), 40, 20_000, 9);
		QueueSimulation.Result wide = QueueSimulation.run(new Model(LAMBDA, 180, Double.POSITIVE_INFINITY, 11, 1, 0,
				0.5, 3600, 20), 40, 20_000, 9);
		QueueSimulation.Result narrow = QueueSimulation.run(new Model(LAMBDA, 180, Double.POSITIVE_INFINITY, 11, 1, 0,
				0.5, 120, 20), 40, 20_000, 9);
		System.out.printf("callbacks: SL without %.4f, with %.4f (%.4f asked, %.4f in a 60 min window; %.4f in 2 min)%n",
				without.serviceLevel().mean(), wide.serviceLevel().mean(), wide.callbacks().mean(),
				wide.callbacksInTime().mean(), narrow.callbacksInTime().mean());
		assertThat(without.callbacks().mean()).isZero();
		assertThat(wide.callbacks().mean()).isBetween(0.05, 0.5);
		assertThat(wide.serviceLevel().mean() - wide.serviceLevel().halfWidth())
			.isGreaterThan(without.serviceLevel().mean() + without.serviceLevel().halfWidth());
		assertThat(wide.callbacksInTime().mean()).isGreaterThan(0.99);
		assertThat(narrow.callbacksInTime().mean()).isLessThan(wide.callbacksInTime().mean());
		// the same work is done either way: callbacks move it, they do not remove it
		assertThat(wide.occupancy().contains(without.occupancy().mean())
				|| without.occupancy().contains(wide.occupancy().mean())).isTrue();
	}

	@Test
	void everyShareStaysAShareWhateverTheQueue() {
		RandomInput.tries(40, random -> {
			int concurrency = 1 + random.nextInt(3);
			Model model = new Model(0.01 + random.nextDouble() * 0.2, 30 + random.nextInt(600),
					random.nextBoolean() ? Double.POSITIVE_INFINITY : 10 + random.nextInt(600), 1 + random.nextInt(30),
					concurrency, random.nextDouble() * 0.5, random.nextDouble(), random.nextInt(7200),
					random.nextInt(120));
			QueueSimulation.Result sim = QueueSimulation.run(model, 4, 300, random.nextLong());
			for (QueueSimulation.Estimate share : new QueueSimulation.Estimate[] { sim.probabilityOfWaiting(),
					sim.probabilityOfAbandoning(), sim.serviceLevel(), sim.occupancy(), sim.callbacks(),
					sim.callbacksInTime() }) {
				assertThat(share.mean()).as(model.toString()).isBetween(0.0, 1.0 + 1e-9);
			}
			assertThat(sim.serviceLevel().mean() + sim.probabilityOfWaiting().mean())
				.as("answered at once or waited: %s", model)
				.isGreaterThanOrEqualTo(1 - 1e-9);
		});
	}
}
