/**
 * The web chat channel: a widget that a customer's site embeds with one script tag ({@code /webchat/widget.js}, with a
 * demo shop page at {@code /webchat/demo}), the visitor API it calls under {@code /webchat/api} (signed visitor
 * tokens, identities signed by the site, messages stored once per client message id, files, receipts, typing,
 * requests outside opening hours, suggestions, rate limits, CORS for configured sites), and the adapter that puts
 * agents' messages in the visitor's stream. The stream lives in the database with a gap-free position per visitor, so
 * any node serves it and a widget resumes after its last position without losing or reordering messages.
 */
package nl.baken.channel.webchat;
