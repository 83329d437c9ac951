package nl.baken.planning;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import nl.baken.shared.Command;
import nl.baken.shared.CommandArguments;

/**
 * {@code erlang --calls C --interval-minutes M --aht-seconds S --target-seconds T --target-sl X
 * [--patience-seconds P] [--agents N] [--shrinkage R] [--concurrency K]}: prints one JSON line with the staffing
 * figures of one interval.
 */
public final class ErlangCommand implements Command {

	private static final Set<String> OPTIONS = Set.of("calls", "interval-minutes", "aht-seconds", "target-seconds",
			"target-sl", "patience-seconds", "agents", "shrinkage", "concurrency");

	@Override
	public String name() {
		return "erlang";
	}

	@Override
	public String usage() {
		return "erlang --calls C --interval-minutes M --aht-seconds S --target-seconds T --target-sl X "
				+ "[--patience-seconds P] [--agents N] [--shrinkage R] [--concurrency K]";
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		CommandArguments arguments = CommandArguments.parse(args, OPTIONS);
		StaffingQuestion question = new StaffingQuestion(arguments.number("calls"),
				arguments.number("interval-minutes"), arguments.number("aht-seconds"),
				arguments.number("target-seconds"), arguments.number("target-sl"),
				arguments.has("patience-seconds") ? arguments.number("patience-seconds") : null,
				arguments.has("agents") ? arguments.whole("agents") : null, arguments.number("shrinkage", 0),
				arguments.has("concurrency") ? arguments.whole("concurrency") : 1);
		out.println(json(question, Staffing.answer(question)));
		return 0;
	}

	static String json(StaffingQuestion question, StaffingAnswer answer) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("model", answer.model());
		fields.put("traffic", answer.traffic());
		fields.put("agents", answer.agents());
		fields.put("scheduledAgents", answer.scheduledAgents());
		fields.put("serviceLevel", answer.serviceLevel());
		fields.put("targetSeconds", question.targetSeconds());
		fields.put("targetServiceLevel", question.targetServiceLevel());
		fields.put("probabilityOfWaiting", answer.probabilityOfWaiting());
		fields.put("averageSpeedOfAnswerSeconds", answer.averageSpeedOfAnswerSeconds());
		fields.put("occupancy", answer.occupancy());
		if (answer.probabilityOfAbandoning() != null) {
			fields.put("probabilityOfAbandoning", answer.probabilityOfAbandoning());
		}
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(name).append("\":");
			json.append(value instanceof String text ? '"' + text + '"' : String.valueOf(value));
		});
		return json.append('}').toString();
	}
}
