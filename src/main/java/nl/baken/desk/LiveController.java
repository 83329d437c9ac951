package nl.baken.desk;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@Controller
class LiveController {

	private final LiveUpdates updates;

	LiveController(LiveUpdates updates) {
		this.updates = updates;
	}

	/** Server-sent events: {@code changed} with the ids of the conversations that changed. */
	@GetMapping(path = "/desk/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter live() {
		return updates.subscribe();
	}
}
