/**
 * Where messages enter and leave Baken. Every channel is a {@link nl.baken.channel.ChannelAdapter} with an id: it
 * checks what arrives (signature, format), parses it and hands a customer's message to the conversation module,
 * answering the provider only after the message is committed (a provider's retry is stored once). Outbound messages go
 * through a durable outbox that any node may work off: sends are retried with backoff and end, when they keep failing,
 * in a dead-letter list that admins see and retry. The generic API channel lets any integration deliver messages that
 * it already verified on its side.
 */
package nl.baken.channel;
