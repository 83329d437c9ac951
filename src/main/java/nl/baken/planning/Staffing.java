package nl.baken.planning;

import java.util.ArrayList;
import java.util.List;

import nl.baken.planning.internal.Erlang;
import nl.baken.planning.internal.QueueSimulation;

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
		int scheduled = scheduled(agents, q.shrinkage());
		Double asa = Double.isFinite(f.averageSpeedOfAnswer()) ? f.averageSpeedOfAnswer() : null;
		return new StaffingAnswer(erlangA ? "erlang-a" : "erlang-c", traffic, agents, scheduled, f.serviceLevel(),
				f.probabilityOfWaiting(), asa, f.occupancy(), erlangA ? f.probabilityOfAbandoning() : null);
	}

	/** Batches and arrivals per batch of one simulation run: enough for a margin of about one percent point. */
	private static final int BATCHES = 20;

	private static final int PER_BATCH = 2_000;

	/** More agents than the formula's are tried up to this factor before giving up on the target. */
	private static final int MOST_AGENTS_FACTOR = 4;

	/**
	 * Where the formulas stop holding (chats that slow each other down, callbacks), a discrete-event simulation of
	 * the interval: for the staff given, or the fewest agents whose simulated service level meets the target,
	 * searched from the formula's answer. The same question gives the same answer (fixed seed).
	 */
	public static SimulatedAnswer simulate(StaffingQuestion q, QueueBehaviour behaviour) {
		StaffingAnswer formula = answer(q);
		if (q.calls() == 0) {
			int agents = q.agents() == null ? 0 : q.agents();
			return new SimulatedAnswer(agents, scheduled(agents, q.shrinkage()), formula.agents(), 1, 0, 0, 0, 0, 0, 1);
		}
		if (q.agents() != null) {
			return simulated(q, behaviour, q.agents(), formula.agents());
		}
		int agents = Math.max(1, formula.agents());
		SimulatedAnswer best = simulated(q, behaviour, agents, formula.agents());
		int most = Math.max(agents * MOST_AGENTS_FACTOR, agents + 10);
		while (best.serviceLevel() < q.targetServiceLevel() && agents < most) {
			best = simulated(q, behaviour, ++agents, formula.agents());
		}
		while (agents > 1) {
			SimulatedAnswer fewer = simulated(q, behaviour, agents - 1, formula.agents());
			if (fewer.serviceLevel() < q.targetServiceLevel()) {
				break;
			}
			best = fewer;
			agents--;
		}
		return best;
	}

	private static int scheduled(int agents, double shrinkage) {
		return (int) Math.ceil(agents / (1 - shrinkage) - 1e-9);
	}

	private static SimulatedAnswer simulated(StaffingQuestion q, QueueBehaviour behaviour, int agents,
			int formulaAgents) {
		if (agents == 0) {
			return new SimulatedAnswer(0, 0, formulaAgents, 0, 0, 1, 0, 0, 0, 0);
		}
		QueueSimulation.Result r = QueueSimulation.run(new QueueSimulation.Model(q.arrivalRate(), q.ahtSeconds(),
				q.patienceSeconds() == null ? Double.POSITIVE_INFINITY : q.patienceSeconds(), agents,
				q.concurrency(), behaviour.chatSlowdown(), behaviour.callbackShare(),
				behaviour.callbackWindowMinutes() * 60.0, q.targetSeconds()), BATCHES, PER_BATCH, 1);
		return new SimulatedAnswer(agents, scheduled(agents, q.shrinkage()), formulaAgents, r.serviceLevel().mean(), r.serviceLevel().halfWidth(),
				r.probabilityOfWaiting().mean(), r.probabilityOfAbandoning().mean(), r.occupancy().mean(),
				r.callbacks().mean(), r.callbacksInTime().mean());
	}

	/**
	 * Staffs every interval for the base volumes and for the change. Each interval is a separate question built
	 * from {@code template} (its calls and handle time replaced); {@code starts}, {@code calls} and {@code aht}
	 * are per interval.
	 */
	public static StaffingPlan plan(StaffingQuestion template, List<String> starts, double[] calls, double[] aht,
			WhatIf change) {
		int count = calls.length;
		double[] changed = new double[count];
		double mean = 0;
		for (int i = 0; i < count; i++) {
			changed[i] = calls[i] * (1 - change.deflectionShare());
			mean += changed[i] / count;
		}
		// peak excess above the mean becomes callbacks, made within the window after the request
		int window = Math.max(1, (int) Math.round(change.callbackWindowMinutes() / template.intervalMinutes()));
		double[] moved = changed.clone();
		for (int i = 0; i < count; i++) {
			double callbacks = change.callbackShare() * Math.max(0, changed[i] - mean);
			if (callbacks > 0 && change.callbackWindowMinutes() > 0) {
				moved[i] -= callbacks;
				int last = Math.min(count - 1, i + window);
				int spread = last - i;
				for (int j = i + 1; j <= last; j++) {
					moved[j] += callbacks / spread;
				}
				if (spread == 0) {
					moved[i] += callbacks; // no later interval in the plan: the callbacks stay here
				}
			}
		}
		List<StaffingPlan.Interval> rows = new ArrayList<>(count);
		double hours = 0;
		double whatIfHours = 0;
		for (int i = 0; i < count; i++) {
			StaffingAnswer base = answer(template.withCalls(calls[i], aht[i]));
			StaffingAnswer whatIf = answer(template.withCalls(moved[i], aht[i] * (1 + change.ahtChange())));
			hours += base.scheduledAgents() * template.intervalMinutes() / 60;
			whatIfHours += whatIf.scheduledAgents() * template.intervalMinutes() / 60;
			rows.add(new StaffingPlan.Interval(starts.get(i), calls[i], base, moved[i], whatIf));
		}
		return new StaffingPlan(rows, hours, whatIfHours);
	}
}
