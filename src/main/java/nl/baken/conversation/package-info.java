/**
 * Conversations with their messages, internal notes and wrap-up (contact reason), their lifecycle from first
 * message to resolved, and the contact-event log: every change of a conversation appends an immutable event in the
 * same transaction, and every KPI is computed from those events.
 */
package nl.baken.conversation;
