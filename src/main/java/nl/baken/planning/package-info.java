/**
 * Workforce planning: how many agents an interval needs. Erlang C and Erlang A (with mean patience) turn a contact
 * volume, handle time and answer target into staff, service level, waiting, abandonment and occupancy; a
 * double-seasonal forecast turns interval history into the volumes to staff; a discrete-event simulation of the same
 * queue checks the formulas. All of it is plain arithmetic without a database, so the same code answers the API and
 * the {@code erlang} and {@code forecast} commands of the jar.
 */
package nl.baken.planning;
