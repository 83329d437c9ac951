package nl.baken.analytics.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import nl.baken.access.Role;
import nl.baken.access.Teams;
import nl.baken.analytics.KnowledgeGaps;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.support.BindingAwareModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The knowledge-gap page: what self-service could not answer, grouped by meaning and ranked, with the customers' own
 * words as examples and a link that starts an article with them. For knowledge editors, team leads and admins.
 */
@Controller
class KnowledgeGapController {

	private static final ZoneId REPORTING_ZONE = ZoneId.of(Teams.DEFAULT_TIME_ZONE);

	private static final Set<String> ALLOWED = Set.of(Role.KNOWLEDGE_EDITOR.authority(), Role.TEAM_LEAD.authority(),
			Role.ADMIN.authority());

	private static final int EXAMPLES = 5;

	private static final int MAX_EXAMPLE = 200;

	private final KnowledgeGaps gaps;

	private final Clock clock;

	KnowledgeGapController(KnowledgeGaps gaps, Clock clock) {
		this.gaps = gaps;
		this.clock = clock;
	}

	@GetMapping("/desk/knowledge-gaps")
	String gaps(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			Authentication user, Model model) {
		allowed(user);
		LocalDate[] period = period(from, to, model);
		List<KnowledgeGaps.Gap> found = find(period);
		model.addAttribute("from", period[0]);
		model.addAttribute("to", period[1]);
		model.addAttribute("gaps", found.stream().map(g -> new GapView(g, exampleLines(g))).toList());
		model.addAttribute("total", found.stream().mapToInt(KnowledgeGaps.Gap::count).sum());
		return "analytics/gaps";
	}

	/** The groups as a spreadsheet: one row per example question, the customers' words defused against formulas. */
	@GetMapping(path = "/desk/knowledge-gaps", params = "format=csv")
	ResponseEntity<?> gapsCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			Authentication user) {
		allowed(user);
		Model model = new BindingAwareModelMap();
		LocalDate[] period = period(from, to, model);
		if (model.containsAttribute("error")) {
			return KpiCsvController.badPeriod();
		}
		List<KnowledgeGaps.Gap> found = find(period);
		List<List<String>> rows = new ArrayList<>();
		for (int rank = 1; rank <= found.size(); rank++) {
			KnowledgeGaps.Gap gap = found.get(rank - 1);
			for (KnowledgeGaps.Question q : gap.examples()) {
				rows.add(List.of(Integer.toString(rank), Csv.cell(gap.label()), Integer.toString(gap.count()),
						q.at().toString(), Csv.cell(q.source()),
						q.conversationId() == null ? "" : q.conversationId().toString(), Csv.cell(q.text())));
			}
		}
		return Csv.download("knowledge-gaps.csv",
				List.of("rank", "group", "questions", "askedAt", "source", "conversationId", "question"), rows);
	}

	private static void allowed(Authentication user) {
		if (user == null || user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(ALLOWED::contains)) {
			throw new AccessDeniedException("knowledge editors, team leads and admins only");
		}
	}

	/** From and to, both included; a wrong or too long period says so and takes the last 30 days. */
	private LocalDate[] period(String from, String to, Model model) {
		LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
		LocalDate end = PeriodField.date(to, today, model, "gaps.error.period");
		LocalDate start = PeriodField.date(from, end.minusDays(29), model, "gaps.error.period");
		if (start.isAfter(end) || start.plusDays(91).isBefore(end)) {
			model.addAttribute("error", "gaps.error.period");
			start = end.minusDays(29);
		}
		return new LocalDate[] { start, end };
	}

	private List<KnowledgeGaps.Gap> find(LocalDate[] period) {
		return gaps.find(period[0].atStartOfDay(REPORTING_ZONE).toInstant(),
				period[1].plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant(), EXAMPLES);
	}

	/** A group as the page shows it, with its examples as the article form takes them. */
	record GapView(KnowledgeGaps.Gap gap, String exampleLines) {
	}

	/** One a line, each cut short so the link that carries them stays a reasonable length. */
	static String exampleLines(KnowledgeGaps.Gap gap) {
		return gap.examples()
			.stream()
			.map(KnowledgeGaps.Question::text)
			.map(t -> t.replaceAll("\\s+", " "))
			.map(t -> t.length() > MAX_EXAMPLE ? t.substring(0, MAX_EXAMPLE) : t)
			.distinct()
			.collect(Collectors.joining("\n"));
	}
}
