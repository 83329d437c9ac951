/**
 * Customers and the identities they reach us with: e-mail, phone (E.164), WhatsApp id, web visitor id and external
 * ids from a CRM or shop. The same normalised e-mail address or phone number on any channel resolves to the same
 * customer; two customers are only joined by an explicit, audited merge that can be undone, never on a weak signal
 * such as a name.
 */
package nl.baken.customer;
