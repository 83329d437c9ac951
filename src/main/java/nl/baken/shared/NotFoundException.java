package nl.baken.shared;

/** An id in a request names nothing that exists (or nothing the caller may see). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " does not exist");
	}
}
