/**
 * Telephony events: a PBX, IVR or CTI system reports what happens to each call (offered, IVR, queued, ringing,
 * answered, hold, transferred, abandoned, ended, callback requested). Raw events are kept once per event id; each call
 * is a conversation on channel {@code phone} whose contact events are derived from them in time order, so the queue
 * KPIs come out right whatever order the events arrive in. {@code replay-calls} feeds a CSV of call events in; it is
 * the one public type here, exposed so the jar's command list can name it.
 */
@NamedInterface("telephony")
package nl.baken.channel.telephony;

import org.springframework.modulith.NamedInterface;
