package nl.baken.proactive;

/** Notices of one topic by state; {@code skipped} are those not sent for consent, channel or limits. */
public record NoticeCounts(long queued, long sent, long delivered, long read, long failed, long skipped) {
}
