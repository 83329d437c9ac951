package nl.baken.proactive;

/**
 * The contacts-prevented KPI of one incident (KPI-DEFINITIONS.md): contacts expected from the affected customers,
 * by a baseline rate, minus the contacts that came. {@code baseline} is {@code past-incidents} (contacts per affected
 * customer in comparable past incidents) or {@code unaffected} (contacts per customer among customers with business
 * events but not affected, in the incident's window); {@code basis} is how many incidents or customers the rate rests
 * on. {@code definition} names version and parameters, e.g.
 * {@code contacts-prevented@1{baseline=past-incidents,n=3,rate=0.4200}}. Negative when more came than expected.
 */
public record ContactsPrevented(long affected, long came, double rate, double expected, double prevented,
		String baseline, long basis, String definition) {
}
