package nl.baken.channel.telephony;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import nl.baken.shared.Command;
import nl.baken.shared.CommandArguments;
import nl.baken.shared.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code replay-calls FILE.csv [--url URL] [--token TOKEN]}: sends a CSV of call events, line by line, to the
 * telephony event API of a running Baken (default {@code http://localhost:8080}, token from {@code --token} or
 * {@code BAKEN_API_TOKEN}, scopes {@code telephony:write} and {@code conversations:read}), then prints each call with
 * its outcome and IVR, queue, talk and hold times. Replaying the same file again stores nothing twice.
 * <p>
 * Columns (a header line names them, in any order; {@code #} starts a comment line): {@code call_id, event_id, type,
 * occurred_at} (ISO-8601 UTC, e.g. {@code 2026-11-02T09:00:00Z}), {@code caller}, and optionally {@code brand, queue,
 * agent, menu, option, to_queue, to_agent, reason}.
 */
public final class ReplayCallsCommand implements Command {

	static final List<String> REQUIRED = List.of("call_id", "event_id", "type", "occurred_at", "caller");

	static final List<String> OPTIONAL = List.of("brand", "queue", "agent", "menu", "option", "to_queue", "to_agent",
			"reason");

	private static final Map<String, String> JSON_NAMES = Map.ofEntries(Map.entry("call_id", "callId"),
			Map.entry("event_id", "eventId"), Map.entry("type", "type"), Map.entry("occurred_at", "occurredAt"),
			Map.entry("caller", "caller"), Map.entry("brand", "brand"), Map.entry("queue", "queue"),
			Map.entry("agent", "agent"), Map.entry("menu", "menu"), Map.entry("option", "option"),
			Map.entry("to_queue", "toQueue"), Map.entry("to_agent", "toAgent"), Map.entry("reason", "reason"));

	private final JsonMapper json = JsonMapper.builder().build();

	private final Function<String, String> environment;

	public ReplayCallsCommand() {
		this(System::getenv);
	}

	ReplayCallsCommand(Function<String, String> environment) {
		this.environment = environment;
	}

	@Override
	public String name() {
		return "replay-calls";
	}

	@Override
	public String usage() {
		return "replay-calls FILE.csv [--url http://localhost:8080] [--token TOKEN (default: $BAKEN_API_TOKEN)]";
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].startsWith("--")) {
			throw new InvalidInputException("FILE", "the CSV file of call events comes first");
		}
		Path file = Path.of(args[0]);
		CommandArguments options = CommandArguments.parse(Arrays.copyOfRange(args, 1, args.length),
				Set.of("url", "token"));
		String base = (options.has("url") ? options.text("url") : "http://localhost:8080").replaceAll("/+$", "");
		String token = options.has("token") ? options.text("token") : environment.apply("BAKEN_API_TOKEN");
		if (token == null || token.isBlank()) {
			throw new InvalidInputException("--token", "an API token is needed: --token or BAKEN_API_TOKEN");
		}
		List<Line> events = read(file);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		int stored = 0;
		int duplicates = 0;
		int refused = 0;
		Set<String> calls = new LinkedHashSet<>();
		for (Line line : events) {
			ObjectNode event = line.event();
			HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(base
					+ "/api/v1/channels/telephony/events"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(event), StandardCharsets.UTF_8)),
					token);
			calls.add(event.path("callId").asString());
			if (response.statusCode() == 202) {
				if (json.readTree(response.body()).path("duplicate").asBoolean()) {
					duplicates++;
				}
				else {
					stored++;
				}
			}
			else {
				refused++;
				err.println("line " + line.number() + ": refused (" + response.statusCode() + "): "
						+ detail(response.body()));
			}
		}
		out.printf(Locale.ROOT, "%d events: %d stored, %d already there, %d refused%n", events.size(), stored,
				duplicates, refused);
		for (String call : calls) {
			HttpResponse<String> response = send(
					http, HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/telephony/calls/"
							+ java.net.URLEncoder.encode(call, StandardCharsets.UTF_8).replace("+", "%20"))).GET(),
					token);
			if (response.statusCode() != 200) {
				continue; // all its events were refused
			}
			JsonNode summary = json.readTree(response.body()).path("summary");
			out.printf(Locale.ROOT, "call %s: %s, IVR %s, queue %s, talk %s, hold %s%n", call,
					summary.path("outcome").asString(), seconds(summary.path("ivrSeconds")),
					seconds(summary.path("queueSeconds")), seconds(summary.path("talkSeconds")),
					seconds(summary.path("holdSeconds")));
		}
		return refused == 0 ? 0 : 1;
	}

	private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, String token) {
		try {
			return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new IllegalStateException("Baken is not reachable at " + request.build().uri().getHost() + ": " + e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted");
		}
	}

	private String detail(String body) {
		try {
			JsonNode problem = json.readTree(body);
			return problem.path("detail").isString() ? problem.path("detail").stringValue() : body;
		}
		catch (RuntimeException e) {
			return body;
		}
	}

	private static String seconds(JsonNode value) {
		return value.isNumber() ? String.format(Locale.ROOT, "%.1f s", value.asDouble()) : "-";
	}

	/** One event of the file, as the JSON the API takes. */
	record Line(int number, ObjectNode event) {
	}

	/** The CSV as JSON events, each with its line number; a malformed file is refused before anything is sent. */
	List<Line> read(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new InvalidInputException("FILE", "cannot read " + file + ": " + e.getMessage());
		}
		List<String> header = null;
		List<Line> events = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			List<String> fields = fields(line, i + 1);
			if (header == null) {
				List<String> names = fields.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
				header = names;
				for (String column : names) {
					if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
						throw new InvalidInputException("FILE", "line " + (i + 1) + ": unknown column '" + column
								+ "'; columns are " + String.join(", ", REQUIRED) + ", " + String.join(", ", OPTIONAL));
					}
				}
				List<String> missing = REQUIRED.stream().filter(c -> !names.contains(c)).toList();
				if (!missing.isEmpty()) {
					throw new InvalidInputException("FILE", "the header lacks " + String.join(", ", missing));
				}
				continue;
			}
			if (fields.size() != header.size()) {
				throw new InvalidInputException("FILE", "line " + (i + 1) + " has " + fields.size() + " fields, the header "
						+ header.size());
			}
			ObjectNode event = json.createObjectNode();
			for (int c = 0; c < header.size(); c++) {
				String value = fields.get(c).strip();
				if (!value.isEmpty()) {
					event.put(JSON_NAMES.get(header.get(c)), value);
				}
			}
			try {
				Instant.parse(event.path("occurredAt").asString(""));
			}
			catch (DateTimeParseException e) {
				throw new InvalidInputException("FILE", "line " + (i + 1) + ": occurred_at must be an ISO-8601 UTC time "
						+ "such as 2026-11-02T09:00:00Z");
			}
			events.add(new Line(i + 1, event));
		}
		if (header == null) {
			throw new InvalidInputException("FILE", file + " has no header line");
		}
		return events;
	}

	/** One CSV line (RFC 4180: fields in double quotes may hold commas and doubled quotes). */
	static List<String> fields(String line, int number) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			throw new InvalidInputException("FILE", "line " + number + " has an unterminated quote");
		}
		fields.add(field.toString());
		return fields;
	}
}
