package nl.baken.routing;

import java.util.List;

/**
 * One choice of a phone menu: the key the caller presses ({@code 0-9}, {@code *} or {@code #}), what the menu says in
 * Dutch and English, and either a submenu ({@code options}) or a {@code target}. {@code code} is the keys pressed from
 * the top of the menu to this option (for example {@code 21}); the IVR reports it as the chosen option.
 */
public record IvrOption(String key, String code, String labelNl, String labelEn, List<IvrOption> options,
		IvrTarget target) {

	public IvrOption {
		options = options == null ? List.of() : List.copyOf(options);
	}
}
