package nl.baken.knowledge;

/** One line of a comparison between two versions: kept, added or removed. */
public record DiffLine(Kind kind, String text) {

	public enum Kind {
		SAME, ADDED, REMOVED
	}
}
