package nl.baken.planning;

import nl.baken.shared.InvalidInputException;

/**
 * A change to compare with the base plan.
 *
 * @param deflectionShare share of contacts answered elsewhere (help center, bot) and so never offered, in [0, 1]
 * @param callbackShare share of a peak interval's excess contacts (above the plan's mean) turned into callbacks, in
 *        [0, 1]
 * @param callbackWindowMinutes callbacks are made within this window after the request; they are spread evenly over
 *        the intervals of that window, as offered work there (an upper bound: callbacks can also fill idle time)
 * @param ahtChange relative change of handle time, e.g. -0.1 for 10% shorter, in (-0.9, 5]
 */
public record WhatIf(double deflectionShare, double callbackShare, int callbackWindowMinutes, double ahtChange) {

	public static final WhatIf NONE = new WhatIf(0, 0, 60, 0);

	public WhatIf {
		if (!(deflectionShare >= 0 && deflectionShare <= 1)) {
			throw new InvalidInputException("deflectionShare", "deflectionShare must be between 0 and 1");
		}
		if (!(callbackShare >= 0 && callbackShare <= 1)) {
			throw new InvalidInputException("callbackShare", "callbackShare must be between 0 and 1");
		}
		if (callbackWindowMinutes < 0 || callbackWindowMinutes > 1440) {
			throw new InvalidInputException("callbackWindowMinutes", "callbackWindowMinutes must be 0 to 1440");
		}
		if (!(ahtChange > -0.9 && ahtChange <= 5)) {
			throw new InvalidInputException("ahtChange", "ahtChange must be more than -0.9 and at most 5");
		}
	}
}
