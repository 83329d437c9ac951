package nl.baken.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of a {@link Command}. Unknown or repeated options and missing values are refused
 * with an {@link InvalidInputException} naming the option, so every command reports bad arguments the same way.
 */
public final class CommandArguments {

	private final Map<String, String> values = new LinkedHashMap<>();

	private CommandArguments() {
	}

	/** @param args the arguments after the command name */
	public static CommandArguments parse(String[] args, Set<String> known) {
		CommandArguments parsed = new CommandArguments();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String name;
			String value;
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new InvalidInputException(arg, "unexpected argument '" + arg + "'; options look like --name value");
			}
			int equals = arg.indexOf('=');
			if (equals > 0) {
				name = arg.substring(2, equals);
				value = arg.substring(equals + 1);
			}
			else {
				name = arg.substring(2);
				if (i + 1 >= args.length) {
					throw new InvalidInputException("--" + name, "--" + name + " needs a value");
				}
				value = args[++i];
			}
			if (!known.contains(name)) {
				throw new InvalidInputException("--" + name, "unknown option --" + name);
			}
			if (parsed.values.putIfAbsent(name, value) != null) {
				throw new InvalidInputException("--" + name, "--" + name + " is given twice");
			}
		}
		return parsed;
	}

	public boolean has(String name) {
		return values.containsKey(name);
	}

	public String text(String name) {
		String value = values.get(name);
		if (value == null) {
			throw new InvalidInputException("--" + name, "--" + name + " is required");
		}
		return value;
	}

	public double number(String name) {
		String value = text(name);
		try {
			double number = Double.parseDouble(value);
			if (!Double.isFinite(number)) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("--" + name, "--" + name + " must be a number, not '" + value + "'");
		}
	}

	public double number(String name, double otherwise) {
		return has(name) ? number(name) : otherwise;
	}

	public int whole(String name) {
		String value = text(name);
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("--" + name, "--" + name + " must be a whole number, not '" + value + "'");
		}
	}
}
