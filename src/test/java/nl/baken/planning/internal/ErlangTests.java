package nl.baken.planning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The published examples of KPI-DEFINITIONS.md, to 1e-6, and behaviour at call-centre scale. */
class ErlangTests {

	// 100 calls per 30 minutes, AHT 180 s
	static final double LAMBDA = 100.0 / 1800;

	@Test
	void erlangCMatchesThePublishedExample() {
		Erlang.Figures f = Erlang.erlangC(10, 14, 180, 20);
		assertThat(f.probabilityOfWaiting()).isCloseTo(0.174132, within(1e-6));
		assertThat(f.serviceLevel()).isCloseTo(0.888350, within(1e-6));
		assertThat(f.averageSpeedOfAnswer()).isCloseTo(7.836, within(1e-3));
		assertThat(f.occupancy()).isCloseTo(10.0 / 14, within(1e-12));
		assertThat(Erlang.erlangC(10, 13, 180, 20).serviceLevel()).isCloseTo(0.7956, within(1e-4));
		assertThat(Erlang.minimalServersC(10, 180, 20, 0.8)).isEqualTo(14);
		assertThat(Erlang.minimalServersC(10, 180, 20, 0.79)).isEqualTo(13);
	}

	@Test
	void erlangAMatchesThePublishedExample() {
		Erlang.Figures f = Erlang.erlangA(LAMBDA, 180, 300, 14, 20);
		assertThat(f.probabilityOfWaiting()).isCloseTo(0.14526, within(1e-5));
		assertThat(f.probabilityOfAbandoning()).isCloseTo(0.013984, within(1e-6));
		assertThat(f.occupancy()).isCloseTo(0.704297, within(1e-6));
		assertThat(f.serviceLevel()).isCloseTo(0.916792, within(1e-6));
	}

	@Test
	void erlangAWithEndlessPatienceIsErlangC() {
		Erlang.Figures a = Erlang.erlangA(LAMBDA, 180, 1e7, 14, 20);
		Erlang.Figures c = Erlang.erlangC(10, 14, 180, 20);
		assertThat(a.probabilityOfWaiting()).isCloseTo(c.probabilityOfWaiting(), within(1e-4));
		assertThat(a.serviceLevel()).isCloseTo(c.serviceLevel(), within(1e-4));
		assertThat(a.averageSpeedOfAnswer()).isCloseTo(c.averageSpeedOfAnswer(), within(1e-2));
	}

	@Test
	void stableWithFiveThousandCallsAndThousandsOfAgents() {
		// 5,000 calls in 15 minutes at 30 minutes each: 10,000 Erlangs
		double lambda = 5000.0 / 900;
		double aht = 1800;
		double a = lambda * aht;
		int n = Erlang.minimalServersC(a, aht, 20, 0.8);
		assertThat(n).isGreaterThan(10_000).isLessThan(10_200);
		double previous = -1;
		for (int servers = 10_001; servers <= 10_400; servers += 7) {
			Erlang.Figures f = Erlang.erlangC(a, servers, aht, 20);
			assertThat(f.serviceLevel()).isFinite().isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
			assertThat(f.probabilityOfWaiting()).isFinite().isBetween(0.0, 1.0);
			assertThat(f.averageSpeedOfAnswer()).isFinite();
			previous = f.serviceLevel();
		}
		// far more agents than traffic, and far fewer: still finite
		assertThat(Erlang.erlangC(10, 5000, 180, 20).serviceLevel()).isCloseTo(1.0, within(1e-12));
		previous = -1;
		for (int servers = 9_000; servers <= 10_600; servers += 100) {
			Erlang.Figures f = Erlang.erlangA(lambda, aht, 600, servers, 20);
			assertThat(f.serviceLevel()).isFinite().isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
			assertThat(f.probabilityOfAbandoning()).isFinite().isBetween(0.0, 1.0);
			assertThat(f.occupancy()).isFinite().isBetween(0.0, 1.0);
			previous = f.serviceLevel();
		}
		int needed = Erlang.minimalServersA(lambda, aht, 600, 20, 0.8);
		assertThat(Erlang.erlangA(lambda, aht, 600, needed, 20).serviceLevel()).isGreaterThanOrEqualTo(0.8);
		assertThat(Erlang.erlangA(lambda, aht, 600, needed - 1, 20).serviceLevel()).isLessThan(0.8);
		assertThat(Erlang.erlangA(10.0 / 180, 180, 300, 20_000, 20).serviceLevel()).isCloseTo(1.0, within(1e-9));
	}
}
