package nl.baken.desk;

import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A conversation that does not exist, or that this person may not open, is one page: not found. */
@ControllerAdvice(assignableTypes = { DeskController.class, ConversationPageController.class, ActionController.class,
		UserAdminController.class, AttachmentPageController.class, RoutingDeskController.class, FileController.class,
		TypingController.class, IvrDeskController.class })
class DeskErrors {

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "desk/not-found";
	}
}
