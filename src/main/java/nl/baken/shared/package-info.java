/**
 * Small value types and error conventions every module uses: time-ordered ids, the actor of a change, and the
 * exceptions that the API turns into RFC 9457 problem details. Nothing here knows about a business capability.
 */
package nl.baken.shared;
