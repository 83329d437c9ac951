package nl.baken.shared;

/** Input that passed parsing but means nothing valid, such as an e-mail address without a domain. Answered as 400. */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
