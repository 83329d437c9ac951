package nl.baken.knowledge.web;

import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An address in the help center or on the contact page that names nothing public: a readable not-found page. */
@ControllerAdvice(assignableTypes = { HelpCenterController.class, ContactPageController.class,
		FlowWalkController.class })
class HelpErrors {

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "help/not-found";
	}
}
