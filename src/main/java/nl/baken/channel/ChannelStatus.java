package nl.baken.channel;

/**
 * One channel as an admin sees it: whether an adapter is configured on this node, and its outbound messages by
 * state ({@code waiting} includes those retrying with backoff; {@code dead} are the dead letters).
 */
public record ChannelStatus(String channel, boolean configured, long waiting, long sent, long dead) {
}
