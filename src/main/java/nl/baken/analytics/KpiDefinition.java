package nl.baken.analytics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a KPI means: its name, version, texts in Dutch and English, unit and parameters with their defaults. A change
 * in how it is computed raises the version; a change of a parameter changes its {@link #identity identity}.
 */
public record KpiDefinition(String name, int version, String unit, String titleNl, String titleEn,
		String descriptionNl, String descriptionEn, List<Parameter> parameters) {

	public KpiDefinition {
		parameters = List.copyOf(parameters);
	}

	public enum Type {
		SECONDS("s"), HOURS("h"), DAYS("d"), BOOLEAN(""), CHOICE("");

		private final String suffix;

		Type(String suffix) {
			this.suffix = suffix;
		}

		public String suffix() {
			return suffix;
		}
	}

	/**
	 * One parameter: {@code name} as given in the API, {@code symbol} as written in the identity (T, S, W or the
	 * name itself), and for choices the allowed values.
	 */
	public record Parameter(String name, String symbol, Type type, String defaultValue, List<String> choices,
			String descriptionNl, String descriptionEn) {

		public Parameter {
			choices = List.copyOf(choices);
		}
	}

	public Optional<Parameter> parameter(String parameterName) {
		return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
	}

	/**
	 * The canonical name of this definition with these (already validated) parameter values, in the order the
	 * definition lists them: {@code service-level@1{T=20s,S=5s,abandons=negative,includeIvr=false}}.
	 */
	public String identity(Map<String, String> values) {
		StringBuilder identity = new StringBuilder(name).append('@').append(version);
		if (parameters.isEmpty()) {
			return identity.toString();
		}
		identity.append('{');
		for (int i = 0; i < parameters.size(); i++) {
			Parameter p = parameters.get(i);
			if (i > 0) {
				identity.append(',');
			}
			identity.append(p.symbol())
				.append('=')
				.append(values.getOrDefault(p.name(), p.defaultValue()))
				.append(p.type().suffix());
		}
		return identity.append('}').toString();
	}
}
