package nl.baken.knowledge;

import java.time.Instant;

/** What a help-center reader wrote with their "did this help?" answer. */
public record ReaderComment(boolean helpful, String text, Instant at) {
}
