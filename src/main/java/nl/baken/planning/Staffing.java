package nl.baken.planning;

import nl.baken.planning.internal.Erlang;

/** Erlang C / Erlang A staffing of one interval, see KPI-DEFINITIONS.md "Staffing: Erlang C and Erlang A". */
public final class Staffing {

	private Staffing() {
	}

	public static StaffingAnswer answer(StaffingQuestion q) {
		double lambda = q.arrivalRate();
		double traffic = lambda * q.ahtSeconds();
		int k = q.concurrency();
		boolean erlangA = q.patienceSeconds() != null;
		int servers;
		int agents;
		if (q.agents() != null) {
			agents = q.agents();
			servers = agents * k;
		}
		else {
			int needed = erlangA
					? Erlang.minimalServersA(lambda, q.ahtSeconds(), q.patienceSeconds(), q.targetSeconds(),
							q.targetServiceLevel())
					: Erlang.minimalServersC(traffic, q.ahtSeconds(), q.targetSeconds(), q.targetServiceLevel());
			// with concurrency k an agent is k servers: round up to whole agents, then use all their servers
			agents = (needed + k - 1) / k;
			servers = agents * k;
		}
		Erlang.Figures f = erlangA ? Erlang.erlangA(lambda, q.ahtSeconds(), q.patienceSeconds(), servers,
				q.targetSeconds()) : Erlang.erlangC(traffic, servers, q.ahtSeconds(), q.targetSeconds());
		int scheduled = (int) Math.ceil(agents / (1 - q.shrinkage()) - 1e-9);
		Double asa = Double.isFinite(f.averageSpeedOfAnswer()) ? f.averageSpeedOfAnswer() : null;
		return new StaffingAnswer(erlangA ? "erlang-a" : "erlang-c", traffic, agents, scheduled, f.serviceLevel(),
				f.probabilityOfWaiting(), asa, f.occupancy(), erlangA ? f.probabilityOfAbandoning() : null);
	}
}
