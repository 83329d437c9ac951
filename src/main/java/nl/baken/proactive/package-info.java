/**
 * Proactive and preventive service, the top of the contact funnel: business systems (shop, carrier, network,
 * devices) send their events here; incidents name what went wrong and whom it touches, and the affected customers
 * hear it first on their own channel; preventive rules watch the event stream and fix, warn or hand a task to an
 * agent before the customer notices. Contacts that still come from affected customers are linked to their incident
 * and counted against the contacts it was expected to cause.
 */
package nl.baken.proactive;
