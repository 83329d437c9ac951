package nl.baken.proactive.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import nl.baken.customer.CustomerProfile;

/**
 * Which channel a notice goes out on: the customer's preferred channel when they can be reached there, else the
 * first of e-mail, WhatsApp, SMS they can be reached on. WhatsApp needs the customer's WhatsApp opt-in on top of the
 * proactive consent; SMS counts only where an SMS adapter exists. {@code sendable} says whether a template can go
 * out on a channel (for WhatsApp: an approved one).
 */
final class ChannelChoice {

	static final List<String> ORDER = List.of("email", "whatsapp", "sms");

	private ChannelChoice() {
	}

	record Choice(String outcome, String channel) {
	}

	static Choice choose(CustomerProfile customer, Set<String> adapters, Predicate<String> sendable) {
		CustomerProfile.Consent consent = customer.consent();
		if (consent == null || !consent.proactive()) {
			return new Choice(Outcome.NO_CONSENT, null);
		}
		List<String> candidates = new ArrayList<>();
		if (customer.preferredChannel() != null && ORDER.contains(customer.preferredChannel())) {
			candidates.add(customer.preferredChannel());
		}
		ORDER.stream().filter(c -> !candidates.contains(c)).forEach(candidates::add);
		List<String> reachable = candidates.stream().filter(c -> reachable(customer, c, adapters)).toList();
		if (reachable.isEmpty()) {
			return new Choice(Outcome.NO_CHANNEL, null);
		}
		return reachable.stream()
			.filter(sendable)
			.findFirst()
			.map(c -> new Choice(Outcome.QUEUED, c))
			.orElse(new Choice(Outcome.NO_TEMPLATE, reachable.getFirst()));
	}

	private static boolean reachable(CustomerProfile customer, String channel, Set<String> adapters) {
		return switch (channel) {
			case "email" -> has(customer, "email");
			case "whatsapp" -> customer.consent().whatsapp() && has(customer, "whatsapp");
			case "sms" -> adapters.contains("sms") && has(customer, "phone");
			default -> false;
		};
	}

	private static boolean has(CustomerProfile customer, String kind) {
		return customer.identities().stream().anyMatch(i -> i.kind().equals(kind));
	}
}
