package nl.baken.planning;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import nl.baken.shared.Command;
import nl.baken.shared.CommandArguments;

/**
 * {@code erlang --calls C --interval-minutes M --aht-seconds S --target-seconds T --target-sl X
 * [--patience-seconds P] [--agents N] [--shrinkage R] [--concurrency K] [--chat-slowdown D] [--callback-share B]
 * [--callback-window-minutes W]}: prints one JSON line with the staffing figures of one interval; with any of the
 * last three also what a simulation of that queue finds ({@code simulated}).
 */
public final class ErlangCommand implements Command {

	private static final Set<String> OPTIONS = Set.of("calls", "interval-minutes", "aht-seconds", "target-seconds",
			"target-sl", "patience-seconds", "agents", "shrinkage", "concurrency", "chat-slowdown", "callback-share",
			"callback-window-minutes");

	@Override
	public String name() {
		return "erlang";
	}

	@Override
	public String usage() {
		return "erlang --calls C --interval-minutes M --aht-seconds S --target-seconds T --target-sl X "
				+ "[--patience-seconds P] [--agents N] [--shrinkage R] [--concurrency K] [--chat-slowdown D] "
				+ "[--callback-share B] [--callback-window-minutes W]";
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
		Map<String, Object> fields = fields(question, Staffing.answer(question));
		if (arguments.has("chat-slowdown") || arguments.has("callback-share")
				|| arguments.has("callback-window-minutes")) {
			QueueBehaviour behaviour = new QueueBehaviour(arguments.number("chat-slowdown", 0),
					arguments.number("callback-share", 0),
					arguments.has("callback-window-minutes") ? arguments.whole("callback-window-minutes") : 60);
			fields.put("simulated", simulated(Staffing.simulate(question, behaviour)));
		}
		out.println(json(fields));
		return 0;
	}

	private static Map<String, Object> simulated(SimulatedAnswer answer) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("agents", answer.agents());
		fields.put("scheduledAgents", answer.scheduledAgents());
		fields.put("formulaAgents", answer.formulaAgents());
		fields.put("serviceLevel", answer.serviceLevel());
		fields.put("serviceLevelMargin99", answer.margin());
		fields.put("probabilityOfWaiting", answer.probabilityOfWaiting());
		fields.put("probabilityOfAbandoning", answer.probabilityOfAbandoning());
		fields.put("occupancy", answer.occupancy());
		fields.put("callbackShare", answer.callbackShare());
		fields.put("callbacksInTime", answer.callbacksInTime());
		return fields;
	}

	private static Map<String, Object> fields(StaffingQuestion question, StaffingAnswer answer) {
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
		return fields;
	}

	@SuppressWarnings("unchecked")
	private static String json(Map<String, Object> fields) {
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(name).append("\":");
			json.append(switch (value) {
				case String text -> '"' + text + '"';
				case Map<?, ?> object -> json((Map<String, Object>) object);
				default -> String.valueOf(value);
			});
		});
		return json.append('}').toString();
	}
}
