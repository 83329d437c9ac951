package nl.baken.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nl.baken.analytics.internal.KpiEngine;
import org.springframework.stereotype.Service;

/** The KPIs Baken computes from the contact-event log, each with its definition and the contacts it counted. */
@Service
public class Kpis {

	private final KpiEngine engine;

	Kpis(KpiEngine engine) {
		this.engine = engine;
	}

	public List<KpiDefinition> definitions() {
		return engine.definitions();
	}

	/** @throws nl.baken.shared.NotFoundException for a name no definition has */
	public KpiDefinition definition(String name) {
		return engine.definition(name);
	}

	/**
	 * The KPI over the query's period and filters.
	 * @throws nl.baken.shared.InvalidInputException naming the parameter or filter that is wrong
	 */
	public KpiResult compute(String name, KpiQuery query) {
		return engine.compute(name, query, false).result();
	}

	/** The KPI with the contacts it counted, each marked with the side it counted on. */
	public Drilldown drilldown(String name, KpiQuery query) {
		KpiEngine.Computed computed = engine.compute(name, query);
		return new Drilldown(computed.result(), computed.counted());
	}

	/**
	 * Repeat, transfer and informational rates per week between {@code bounds} (the weeks' starts and the end of the
	 * last) with the reasons behind them; empty while the per-contact facts are being brought up to date.
	 */
	public Optional<UnnecessaryContacts> unnecessaryContacts(KpiQuery filters, List<Instant> bounds) {
		return engine.unnecessaryContacts(filters, bounds);
	}

	public record Drilldown(KpiResult result, List<CountedContact> contacts) {
	}
}
