package nl.baken.analytics.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.conversation.PageCursor;
import nl.baken.shared.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * KPIs over HTTP. Every value comes with its definition and a link to the contacts it counted; a period is given as
 * instants or as dates (whole days in Europe/Amsterdam), by default the last seven days.
 */
@RestController
@Validated
@RequestMapping("/api/v1/kpis")
class KpiController {

	private static final Set<String> QUERY_FIELDS = Set.of("from", "to", "channel", "teamId", "queue", "brandId");

	private static final Set<String> PAGING = Set.of("cursor", "limit");

	private static final ZoneId REPORTING_ZONE = ZoneId.of(Teams.DEFAULT_TIME_ZONE);

	private final Kpis kpis;

	private final Clock clock;

	KpiController(Kpis kpis, Clock clock) {
		this.kpis = kpis;
		this.clock = clock;
	}

	record ParameterView(String name, String symbol, String type, String defaultValue, List<String> choices,
			String descriptionNl, String descriptionEn) {
	}

	/** A definition as shown: with the identity its defaults (or the given values) make. */
	record DefinitionView(String name, int version, String identity, String unit, String titleNl, String titleEn,
			String descriptionNl, String descriptionEn, List<ParameterView> parameters, Map<String, String> values) {

		static DefinitionView of(KpiDefinition d, Map<String, String> values) {
			return new DefinitionView(d.name(), d.version(), d.identity(values), d.unit(), d.titleNl(), d.titleEn(),
					d.descriptionNl(), d.descriptionEn(),
					d.parameters()
						.stream()
						.map(p -> new ParameterView(p.name(), p.symbol(), p.type().name().toLowerCase(), p.defaultValue(),
								p.choices(), p.descriptionNl(), p.descriptionEn()))
						.toList(),
					values);
		}
	}

	record Filters(String channel, String teamId, String queue, String brandId) {
	}

	record KpiView(String name, String identity, Double value, double numerator, Double denominator, String unit,
			Instant from, Instant to, Filters filters, Instant computedAt, DefinitionView definition, String contacts) {
	}

	record ContactsPage(String identity, Double value, double numerator, Double denominator, int total,
			List<CountedContact> contacts, String next) {
	}

	@GetMapping
	@RequiresScope(Scope.ANALYTICS_READ)
	List<DefinitionView> definitions() {
		return kpis.definitions().stream().map(d -> DefinitionView.of(d, defaults(d))).toList();
	}

	@GetMapping("/{name}")
	@RequiresScope(Scope.ANALYTICS_READ)
	KpiView kpi(@PathVariable String name, @RequestParam Map<String, String> params) {
		kpis.definition(name);
		KpiQuery query = query(params, Set.of());
		KpiResult result = kpis.compute(name, query);
		return new KpiView(name, result.identity(), result.value(), result.numerator(), result.denominator(),
				result.unit(), result.from(), result.to(),
				new Filters(query.channel(), query.teamId(), query.queue(), query.brandId()), result.computedAt(),
				DefinitionView.of(result.definition(), result.parameters()), contactsLink(name, query, result));
	}

	@GetMapping("/{name}/contacts")
	@RequiresScope(Scope.ANALYTICS_READ)
	ContactsPage contacts(@PathVariable String name, @RequestParam Map<String, String> params,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		kpis.definition(name);
		Kpis.Drilldown drilldown = kpis.drilldown(name, query(params, PAGING));
		PageCursor after = PageCursor.decode(cursor);
		// newest first, the order of the conversation lists; rows about an agent's time have no conversation
		Comparator<CountedContact> newestFirst = Comparator.comparing(CountedContact::offeredAt)
			.thenComparing(KpiController::rowId)
			.reversed();
		List<CountedContact> remaining = drilldown.contacts()
			.stream()
			.sorted(newestFirst)
			.filter(c -> after == null || c.offeredAt().isBefore(after.createdAt())
					|| c.offeredAt().equals(after.createdAt()) && rowId(c).compareTo(after.id()) < 0)
			.limit(limit + 1L)
			.toList();
		boolean more = remaining.size() > limit;
		List<CountedContact> shown = more ? remaining.subList(0, limit) : remaining;
		String next = more ? new PageCursor(shown.getLast().offeredAt(), rowId(shown.getLast())).encode()
				: null;
		KpiResult result = drilldown.result();
		return new ContactsPage(result.identity(), result.value(), result.numerator(), result.denominator(),
				drilldown.contacts().size(), shown, next);
	}

	/** The same contacts as a spreadsheet, all of them; the definition's identity travels in a header. */
	@GetMapping(path = "/{name}/contacts", produces = "text/csv")
	@RequiresScope(Scope.ANALYTICS_READ)
	ResponseEntity<String> contactsCsv(@PathVariable String name, @RequestParam Map<String, String> params) {
		kpis.definition(name);
		Kpis.Drilldown drilldown = kpis.drilldown(name, query(params, PAGING));
		StringBuilder csv = new StringBuilder(
				"conversationId,customerId,channel,brandId,offeredAt,numerator,denominator,note,agentId\r\n");
		for (CountedContact c : drilldown.contacts()) {
			csv.append(c.conversationId() == null ? "" : c.conversationId())
				.append(',')
				.append(c.customerId() == null ? "" : c.customerId())
				.append(',')
				.append(Csv.cell(c.channel()))
				.append(',')
				.append(Csv.cell(c.brandId()))
				.append(',')
				.append(c.offeredAt())
				.append(',')
				.append(c.numerator())
				.append(',')
				.append(c.denominator())
				.append(',')
				.append(Csv.cell(c.note()))
				.append(',')
				.append(Csv.cell(c.agentId()))
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(Csv.TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "-contacts.csv\"")
			.header("Baken-Kpi-Identity", drilldown.result().identity())
			.body(csv.toString());
	}

	/** A row's place in the paging order: its conversation, or for an agent's row one derived from the agent. */
	private static java.util.UUID rowId(CountedContact c) {
		return c.conversationId() != null ? c.conversationId()
				: java.util.UUID.nameUUIDFromBytes(("agent:" + c.agentId()).getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, String> defaults(KpiDefinition d) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		d.parameters().forEach(p -> values.put(p.name(), p.defaultValue()));
		return values;
	}

	private KpiQuery query(Map<String, String> params, Set<String> alsoAllowed) {
		Instant to = params.containsKey("to") ? instant("to", params.get("to")) : clock.instant();
		Instant from = params.containsKey("from") ? instant("from", params.get("from")) : to.minus(Duration.ofDays(7));
		Map<String, String> parameters = new HashMap<>(params);
		parameters.keySet().removeAll(QUERY_FIELDS);
		parameters.keySet().removeAll(alsoAllowed);
		return new KpiQuery(from, to, blankToNull(params.get("channel")), blankToNull(params.get("teamId")),
				blankToNull(params.get("queue")), blankToNull(params.get("brandId")), parameters);
	}

	/** An instant ({@code 2026-01-05T08:00:00Z}) or a date, which means the start of that day in Amsterdam. */
	private static Instant instant(String field, String value) {
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(REPORTING_ZONE).toInstant()
					: Instant.parse(value);
		}
		catch (DateTimeException e) {
			throw new InvalidInputException(field,
					field + " is an instant such as 2026-01-05T08:00:00Z or a date such as 2026-01-05, not '" + value
							+ "'");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static String contactsLink(String name, KpiQuery query, KpiResult result) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/api/v1/kpis/{name}/contacts")
			.queryParam("from", result.from())
			.queryParam("to", result.to());
		Map<String, String> filters = new java.util.LinkedHashMap<>();
		filters.put("channel", query.channel());
		filters.put("teamId", query.teamId());
		filters.put("queue", query.queue());
		filters.put("brandId", query.brandId());
		filters.forEach((key, value) -> {
			if (value != null) {
				link.queryParam(key, value);
			}
		});
		result.parameters().forEach(link::queryParam);
		return link.encode().buildAndExpand(name).toUriString();
	}
}
