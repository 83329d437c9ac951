package nl.baken.analytics.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import nl.baken.access.Role;
import nl.baken.access.Teams;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.analytics.internal.KpiCatalogue;
import nl.baken.conversation.Conversations;
import nl.baken.routing.AgentProfile;
import nl.baken.routing.CallbackView;
import nl.baken.routing.Callbacks;
import nl.baken.routing.Presence;
import nl.baken.routing.QueueWait;
import nl.baken.routing.RoutedWork;
import nl.baken.routing.Routing;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The wallboard: the queues right now, per channel and per queue, with today's service level (per channel, each with
 * its own T) and abandonment from the KPI engine (identity beside each, linked to the contacts counted) and the
 * callbacks due. Big numbers for a TV;
 * the page refreshes its board in place when the contact-event log moves and every few seconds besides, because
 * presence changes and the passing of time are not contact events.
 */
@Controller
class WallboardController {

	private static final ZoneId REPORTING_ZONE = ZoneId.of(Teams.DEFAULT_TIME_ZONE);

	private static final Set<String> ALLOWED = Set.of(Role.TEAM_LEAD.authority(), Role.PLANNER.authority(),
			Role.ADMIN.authority());

	/** Far more than any queue holds at once; beyond this the per-queue counts would be a floor. */
	private static final int MAX_WAITING = 10_000;

	private final Routing routing;

	private final Callbacks callbacks;

	private final Kpis kpis;

	private final Clock clock;

	private final ChannelThresholds thresholds;

	private final Teams teams;

	WallboardController(Routing routing, Callbacks callbacks, Kpis kpis, Teams teams, Clock clock,
			ChannelThresholds thresholds) {
		this.routing = routing;
		this.callbacks = callbacks;
		this.kpis = kpis;
		this.teams = teams;
		this.clock = clock;
		this.thresholds = thresholds;
	}

	/** One channel now: the queue, the agents who take it, and today's two KPIs (the service level with its T). */
	record ChannelRow(String channel, int waiting, Long longestWaitSeconds, Long expectedWaitSeconds, int available,
			int busy, int away, long thresholdSeconds, KpiResult serviceLevel, KpiResult abandonment) {
	}

	/**
	 * One queue on one channel: who waits there now, and today's service level with that channel's T. A team's queue
	 * takes calls and e-mails alike, and one T cannot fit both, so a queue has a row per channel.
	 */
	record QueueRow(String queue, String channel, int waiting, Long longestWaitSeconds, long thresholdSeconds,
			KpiResult serviceLevel) {
	}

	@GetMapping("/desk/wallboard")
	String wallboard(Authentication user, Model model) {
		if (user == null
				|| user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(ALLOWED::contains)) {
			throw new AccessDeniedException("team leads, planners and admins only");
		}
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, REPORTING_ZONE);
		List<RoutedWork> waiting = routing.waiting(MAX_WAITING);
		List<AgentProfile> agents = routing.agents();
		List<ChannelRow> channels = new ArrayList<>();
		for (String channel : ChannelThresholds.CHANNELS) {
			List<RoutedWork> inChannel = waiting.stream().filter(w -> channel.equals(w.channel())).toList();
			QueueWait wait = routing.expectedWait(channel, null);
			List<AgentProfile> taking = agents.stream()
				.filter(a -> a.capacity().getOrDefault(channel, 0) > 0)
				.toList();
			long threshold = thresholds.seconds(channel);
			channels.add(new ChannelRow(channel, wait.waiting(), longestWait(inChannel, now),
					wait.expectedWaitSeconds(), count(taking, Presence.AVAILABLE), count(taking, Presence.BUSY),
					count(taking, Presence.AWAY), threshold,
					today(KpiCatalogue.SERVICE_LEVEL, today, channel, Map.of("thresholdSeconds", Long.toString(threshold))),
					today(KpiCatalogue.ABANDONMENT_RATE, today, channel, Map.of())));
		}
		Map<String, String> teamNames = teams.names(LocaleContextHolder.getLocale().getLanguage());
		Map<String, KpiResult> channelLevels = channels.stream()
			.collect(Collectors.toMap(ChannelRow::channel, ChannelRow::serviceLevel));
		List<QueueRow> queues = queues(waiting, teamNames.keySet(), channelLevels, today, now);
		Instant endOfToday = today.plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant();
		List<CallbackView> pending = callbacks.pending();
		model.addAttribute("channels", channels);
		model.addAttribute("queues", queues);
		model.addAttribute("teamNames", teamNames);
		model.addAttribute("waiting", channels.stream().mapToInt(ChannelRow::waiting).sum());
		// no service level over all channels: one T cannot fit a call and an e-mail
		model.addAttribute("abandonment", today(KpiCatalogue.ABANDONMENT_RATE, today, null, Map.of()));
		model.addAttribute("callbacksDue", pending.stream().filter(c -> !c.dueAt().isAfter(now)).count());
		model.addAttribute("callbacksLaterToday",
				pending.stream().filter(c -> c.dueAt().isAfter(now) && c.dueAt().isBefore(endOfToday)).count());
		model.addAttribute("today", today);
		model.addAttribute("now", now);
		return "analytics/wallboard";
	}

	/**
	 * A row for every queue and channel where someone waits now or a contact was offered today, so a queue that
	 * is empty at the moment still shows how its day went. Longest waits first.
	 */
	private List<QueueRow> queues(List<RoutedWork> waiting, Set<String> teamQueues,
			Map<String, KpiResult> channelLevels, LocalDate today, Instant now) {
		Map<List<String>, List<RoutedWork>> byQueue = new LinkedHashMap<>();
		for (RoutedWork w : waiting) {
			String queue = w.queue() == null ? Conversations.UNROUTED_QUEUE : w.queue();
			byQueue.computeIfAbsent(List.of(queue, w.channel()), key -> new ArrayList<>()).add(w);
		}
		Set<String> queues = new LinkedHashSet<>(teamQueues);
		queues.add(Conversations.UNROUTED_QUEUE);
		queues.forEach(queue -> ChannelThresholds.CHANNELS
			.forEach(channel -> byQueue.putIfAbsent(List.of(queue, channel), List.of())));
		List<QueueRow> rows = new ArrayList<>();
		byQueue.forEach((key, inQueue) -> {
			String queue = key.get(0);
			String channel = key.get(1);
			long threshold = thresholds.seconds(channel);
			// a channel that had no contact today has none in any of its queues: no need to read the log again
			KpiResult channelLevel = channelLevels.get(channel);
			KpiResult serviceLevel = channelLevel != null && !counted(channelLevel) ? channelLevel
					: today(KpiCatalogue.SERVICE_LEVEL, today, channel, queue,
							Map.of("thresholdSeconds", Long.toString(threshold)));
			boolean offeredToday = counted(serviceLevel);
			if (!inQueue.isEmpty() || offeredToday) {
				rows.add(new QueueRow(queue, channel, inQueue.size(), longestWait(inQueue, now), threshold,
						serviceLevel));
			}
		});
		rows.sort(Comparator.comparing(QueueRow::waiting)
			.reversed()
			.thenComparing(QueueRow::queue)
			.thenComparing(row -> ChannelThresholds.CHANNELS.indexOf(row.channel())));
		return rows;
	}

	private static boolean counted(KpiResult result) {
		return result.denominator() != null && result.denominator() > 0;
	}

	/** Today as whole day, the same period the KPI page's link for today counts, so the drill-down matches. */
	private KpiResult today(String kpi, LocalDate today, String channel, Map<String, String> parameters) {
		return today(kpi, today, channel, null, parameters);
	}

	private KpiResult today(String kpi, LocalDate today, String channel, String queue, Map<String, String> parameters) {
		return kpis.compute(kpi, new KpiQuery(today.atStartOfDay(REPORTING_ZONE).toInstant(),
				today.plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant(), channel, null, queue, null, parameters));
	}

	private static Long longestWait(List<RoutedWork> waiting, Instant now) {
		return waiting.stream()
			.map(RoutedWork::enqueuedAt)
			.min(Comparator.naturalOrder())
			.map(first -> Math.max(0, Duration.between(first, now).toSeconds()))
			.orElse(null);
	}

	private static int count(List<AgentProfile> agents, Presence presence) {
		return (int) agents.stream().filter(a -> a.presence() == presence).count();
	}
}
