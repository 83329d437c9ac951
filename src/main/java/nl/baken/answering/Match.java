package nl.baken.answering;

/** A label (article or intent id) with the calibrated probability, 0..1, that it is the right one. */
public record Match(String label, double confidence) {
}
