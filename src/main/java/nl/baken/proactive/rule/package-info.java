/**
 * Preventive rules: conditions over the business-event stream (a value over a threshold for a while, no follow-up
 * event in time, too many events in a window), kept per device, parcel, order or customer in the shared database so
 * that any number of nodes fire a rule once per key per episode; their actions (a signed integration call, a
 * proactive message, a task for a team); the rules page and API; and a dry-run replay over a stream of events, also
 * as the {@code replay-events} command. Exposed so the demo can seed rules and the jar's command list can name it.
 */
@NamedInterface("rule")
package nl.baken.proactive.rule;

import org.springframework.modulith.NamedInterface;
