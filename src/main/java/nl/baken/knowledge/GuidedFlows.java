package nl.baken.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.baken.access.Teams;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Guided flows: saved only when they are a sound decision tree whose articles and teams exist. */
@Service
public class GuidedFlows {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Teams teams;

	private final Articles articles;

	GuidedFlows(JdbcClient jdbc, JsonMapper json, Clock clock, Teams teams, Articles articles) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.teams = teams;
		this.articles = articles;
	}

	/** What is stored in {@code definition}: everything but the titles. */
	record Definition(String start, List<FlowStep> steps) {
	}

	public List<GuidedFlow> list() {
		return jdbc.sql("select * from guided_flow order by title_nl, id").query(this::map).list();
	}

	public GuidedFlow get(UUID id) {
		return jdbc.sql("select * from guided_flow where id = ?")
			.param(id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("guided flow", id));
	}

	/** Checks a flow without saving it, as the editor's "check" button does. */
	public void check(FlowDraft draft) {
		FlowRules.check(draft);
		for (FlowStep step : draft.steps()) {
			if (step.teamId() != null && !step.teamId().isBlank() && !teams.exists(step.teamId())) {
				throw new InvalidFlowException("unknown-team", step.id(),
						"step '" + step.id() + "' hands off to team '" + step.teamId() + "', which does not exist");
			}
			if (step.articleId() != null && articles.find(step.articleId()).isEmpty()) {
				throw new InvalidFlowException("unknown-article", step.id(),
						"step '" + step.id() + "' points to article " + step.articleId() + ", which does not exist");
			}
		}
	}

	@Transactional
	public GuidedFlow create(FlowDraft draft, Actor by) {
		check(draft);
		UUID id = Ids.next();
		Instant now = clock.instant();
		jdbc.sql("""
				insert into guided_flow (id, title_nl, title_en, definition, version, updated_at, updated_by)
				values (?, ?, ?, ?, 1, ?, ?)""")
			.params(id, draft.titleNl().strip(), draft.titleEn().strip(), definition(draft), Sql.utc(now), by.label())
			.update();
		return get(id);
	}

	/** Replaces a flow; {@code baseVersion}, when given, must be the version the editor started from. */
	@Transactional
	public GuidedFlow update(UUID id, FlowDraft draft, Integer baseVersion, Actor by) {
		GuidedFlow current = get(id);
		if (baseVersion != null && baseVersion != current.version()) {
			throw new RuleViolationException("flow " + id + " was changed by someone else (now version "
					+ current.version() + ", you started from " + baseVersion + ")");
		}
		check(draft);
		jdbc.sql("""
				update guided_flow set title_nl = ?, title_en = ?, definition = ?, version = ?, updated_at = ?,
				    updated_by = ?
				where id = ? and version = ?""")
			.params(draft.titleNl().strip(), draft.titleEn().strip(), definition(draft), current.version() + 1,
					Sql.utc(clock.instant()), by.label(), id, current.version())
			.update();
		return get(id);
	}

	@Transactional
	public void delete(UUID id) {
		if (jdbc.sql("delete from guided_flow where id = ?").param(id).update() == 0) {
			throw new NotFoundException("guided flow", id);
		}
	}

	private String definition(FlowDraft draft) {
		return json.writeValueAsString(new Definition(draft.start(), draft.steps()));
	}

	private GuidedFlow map(ResultSet rs, int row) throws SQLException {
		Definition d = json.readValue(rs.getString("definition"), Definition.class);
		return new GuidedFlow(rs.getObject("id", UUID.class), rs.getString("title_nl"), rs.getString("title_en"),
				d.start(), d.steps(), rs.getInt("version"), Sql.instant(rs, "updated_at"), rs.getString("updated_by"));
	}
}
