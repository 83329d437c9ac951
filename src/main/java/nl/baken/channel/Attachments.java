package nl.baken.channel;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.baken.channel.internal.AttachmentStore;
import org.springframework.stereotype.Service;

/** Files customers sent, for the API and the desk to serve to those who may see their conversation. */
@Service
public class Attachments {

	private final AttachmentStore store;

	private final Map<String, RemoteMedia> remote;

	private final Clock clock;

	Attachments(AttachmentStore store, List<RemoteMedia> remote, Clock clock) {
		this.store = store;
		this.remote = remote.stream().collect(Collectors.toMap(RemoteMedia::scheme, Function.identity()));
		this.clock = clock;
	}

	/** The attachment, once its message is stored in a conversation. */
	public Optional<StoredAttachment> find(UUID id) {
		return store.content(id);
	}

	/**
	 * A file the provider still holds ({@code reference} is {@code <scheme>:<id>} as its message lists it), fetched
	 * the first time and kept with {@code conversationId} from then on. The caller checks that the viewer may see
	 * that conversation and that the reference belongs to one of its messages. Empty when no configured channel
	 * writes such references.
	 */
	public Optional<StoredAttachment> remote(String reference, String fileName, UUID conversationId)
			throws RemoteMedia.Unavailable {
		int colon = reference.indexOf(':');
		RemoteMedia media = colon < 1 ? null : remote.get(reference.substring(0, colon));
		if (media == null) {
			return Optional.empty();
		}
		String scheme = reference.substring(0, colon);
		String id = reference.substring(colon + 1);
		Optional<AttachmentStore.Part> kept = store.stored(scheme, id, 0);
		if (kept.isEmpty()) {
			RemoteMedia.Media fetched = media.fetch(id);
			kept = Optional.of(store.store(scheme, id, 0, fileName, fetched.contentType(), fetched.content(),
					clock.instant()));
			store.attach(List.of(kept.get().id()), conversationId);
		}
		return store.content(kept.get().id());
	}
}
