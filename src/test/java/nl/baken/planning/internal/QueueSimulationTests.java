package nl.baken.planning.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Erlang figures fall inside the 99% confidence interval of a simulation of the same queue. */
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
}
