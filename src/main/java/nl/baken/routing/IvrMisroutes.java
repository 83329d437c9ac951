package nl.baken.routing;

/**
 * How one menu option did in a period: the calls that chose it and how many of those were transferred afterwards
 * (the caller reached the wrong place first). {@code share} is transferred / calls, 0 when there were no calls.
 */
public record IvrMisroutes(String code, String labelNl, String labelEn, int depth, long calls, long transferred,
		double share) {
}
