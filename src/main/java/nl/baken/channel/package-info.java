/**
 * Where messages enter and leave Baken. Each channel checks what arrives (signature, format), parses it, drops
 * provider retries by their message id and hands a customer's message to the conversation module, answering the
 * provider only after the message is committed. The generic API channel lets any integration deliver messages that
 * it already verified on its side.
 */
package nl.baken.channel;
