package nl.baken.shared.web;

import java.io.IOException;

/** Thrown while reading a request body that goes over the configured limit. */
class BodyTooLargeException extends IOException {

	BodyTooLargeException(long limit) {
		super("The request body is larger than the limit of " + limit + " bytes.");
	}
}
