/**
 * Who may do what: people with roles and teams who log in with a password or, when configured, through an OpenID
 * Connect provider (single sign-on, matched to an existing person by verified e-mail or a configured claim); API
 * tokens for integrations (stored as hashes, with scopes) that every {@code /api} endpoint requires; authorities
 * (which role may run which action up to which limit) and the audit log of sensitive changes.
 */
package nl.baken.access;
