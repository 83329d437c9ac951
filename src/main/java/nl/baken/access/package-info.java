/**
 * Who may do what. For now: API tokens for integrations (stored as hashes, with scopes) that every {@code /api}
 * endpoint requires, and the audit log that records sensitive changes such as a customer merge. Users, roles and
 * authorities for the agent desk build on this module.
 */
package nl.baken.access;
