package nl.baken.desk;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import nl.baken.channel.CustomerFile;
import nl.baken.channel.CustomerFiles;
import nl.baken.shared.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /desk/files/{id}}: a file a customer sent, for those who may open its conversation (anyone else gets the
 * same "not found" as for an unknown id). Always a download, never rendered in the desk's origin.
 */
@Controller
class FileController {

	private final List<CustomerFiles> files;

	private final DeskAccess access;

	FileController(List<CustomerFiles> files, DeskAccess access) {
		this.files = files;
		this.access = access;
	}

	@GetMapping(CustomerFiles.DESK_PATH + "{id}")
	ResponseEntity<byte[]> file(@PathVariable UUID id, Principal principal) {
		CustomerFile file = files.stream()
			.flatMap(source -> source.find(id).stream())
			.findFirst()
			.orElseThrow(() -> new NotFoundException("File", id));
		access.open(principal, file.conversationId());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "sandbox")
			.body(file.content());
	}
}
