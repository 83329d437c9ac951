package nl.baken.knowledge.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.knowledge.ContactTopic;
import nl.baken.knowledge.ContactTopics;
import nl.baken.knowledge.KnowledgeHit;
import nl.baken.knowledge.KnowledgeSearch;
import nl.baken.knowledge.internal.SelfServiceLog;
import nl.baken.customer.Identity;
import nl.baken.routing.CallbackChanged;
import nl.baken.routing.CallbackRequest;
import nl.baken.routing.CallbackView;
import nl.baken.routing.CallbackWording;
import nl.baken.routing.Callbacks;
import nl.baken.routing.QueueWait;
import nl.baken.routing.Routing;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contact page answers first: the customer types the question and sees the best articles; only after that the
 * ways to reach a person, per topic, each with its team's channels, business hours and the expected wait per channel
 * right now, and a callback: in the queue (keeping the customer's turn) or in an offered slot, booked as routed work.
 * Every step is a contact event (suggestions shown, opened, "helped", contacted anyway) for the self-service KPIs.
 */
@Controller
class ContactPageController {

	private static final int SUGGESTIONS = 3;

	private static final int SLOT_DAYS = 2;

	private static final String QUEUE = "queue";

	private static final String PHONE = "phone";

	/** The channels the page shows an expected wait for: those a topic may offer. */
	private static final List<String> CHANNELS = List.of(PHONE, "email", "whatsapp");

	private final KnowledgeSearch search;

	private final ContactTopics topics;

	private final SelfServiceLog log;

	private final Routing routing;

	private final Callbacks callbacks;

	private final CallbackWording wording;

	private final CallbackRequestLimit limit;

	ContactPageController(KnowledgeSearch search, ContactTopics topics, SelfServiceLog log, Routing routing,
			Callbacks callbacks, CallbackWording wording, CallbackRequestLimit limit) {
		this.search = search;
		this.topics = topics;
		this.log = log;
		this.routing = routing;
		this.callbacks = callbacks;
		this.wording = wording;
		this.limit = limit;
	}

	@GetMapping("/contact")
	String contact() {
		return "redirect:/contact/" + ("en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "nl");
	}

	@GetMapping("/contact/{lang}")
	String page(@PathVariable String lang, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "false") boolean reach, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		HelpCenterController.language(lang);
		String question = q.length() > 500 ? q.substring(0, 500) : q.strip();
		List<KnowledgeHit> suggestions = question.isEmpty() ? List.of()
				: search.search(question, Locale.of(lang), SUGGESTIONS);
		if (!suggestions.isEmpty() && !reach) {
			log.suggestionsShown(suggestions.stream().map(KnowledgeHit::articleId).toList(), lang,
					HelpCenterController.visitor(request, response));
		}
		model.addAttribute("suggestions", suggestions);
		// a person is offered once the question has been asked and the answers were seen (or none was found)
		return page(lang, question, !question.isEmpty() && (reach || suggestions.isEmpty()), null, model);
	}

	private String page(String lang, String question, boolean reach, CallbackForm form, Model model) {
		model.addAttribute("lang", lang);
		model.addAttribute("q", question);
		model.addAttribute("reach", reach);
		model.addAttribute("topics", topics.all());
		model.addAttribute("form", form);
		if (reach) {
			Map<String, WaitText> waits = new LinkedHashMap<>();
			for (String channel : CHANNELS) {
				waits.put(channel, WaitText.of(routing.expectedWait(channel, null)));
			}
			model.addAttribute("waits", waits);
			Locale locale = CallbackWording.locale(lang);
			model.addAttribute("slots", callbacks.slots(SLOT_DAYS)
				.stream()
				.map(slot -> new SlotOption(slot.start().toString(), wording.slot(slot, locale)))
				.toList());
		}
		return "help/contact";
	}

	/**
	 * Books a callback for the topic: the customer is found or created by the phone number, so it shows on their
	 * timeline. Bad input shows the form again with what was typed and a readable message.
	 */
	@PostMapping("/contact/{lang}/callback")
	String callback(@PathVariable String lang, @RequestParam String topic, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = QUEUE) String when,
			@RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		HelpCenterController.language(lang);
		ContactTopic chosen = topics.find(topic).orElseThrow(() -> new NotFoundException("Topic", topic));
		String question = q.length() > 500 ? q.substring(0, 500) : q.strip();
		CallbackForm form = new CallbackForm(chosen.id(), phone.length() > 40 ? phone.substring(0, 40) : phone,
				when.length() > 40 ? QUEUE : when, reason.length() > 2000 ? reason.substring(0, 2000) : reason, null);
		Instant slot;
		try {
			slot = QUEUE.equals(when) ? null : Instant.parse(when);
		}
		catch (DateTimeParseException e) {
			return refused(lang, question, form, "contact.callback.error.slot", HttpStatus.BAD_REQUEST, response, model);
		}
		if (reason.strip().length() > 500) {
			return refused(lang, question, form, "contact.callback.error.reason", HttpStatus.BAD_REQUEST, response,
					model);
		}
		try {
			Identity.phone(phone);
		}
		catch (InvalidInputException e) {
			return refused(lang, question, form, "contact.callback.error.phone", HttpStatus.BAD_REQUEST, response,
					model);
		}
		String visitor = HelpCenterController.visitor(request, response);
		if (!limit.tryAcquire(visitor, request.getRemoteAddr())) {
			return refused(lang, question, form, "contact.callback.error.tooMany", HttpStatus.TOO_MANY_REQUESTS,
					response, model);
		}
		// the place a callback that keeps the customer's turn takes: behind the calls waiting now
		int position = slot == null ? routing.expectedWait(PHONE, null).waiting() + 1 : 0;
		CallbackView booked;
		try {
			booked = callbacks.request(new CallbackRequest(phone, slot == null ? "in_queue" : "scheduled",
					"contact_page", reason.isBlank() ? null : reason.strip(), chosen.id(), null, lang, null, slot, null),
					Actor.customer(null));
		}
		catch (InvalidInputException e) {
			return refused(lang, question, form,
					"phone".equals(e.field()) ? "contact.callback.error.phone" : "contact.callback.error.slot",
					HttpStatus.BAD_REQUEST, response, model);
		}
		log.contactedAnyway(chosen.id(), "callback", lang, visitor);
		redirect.addFlashAttribute("confirmation",
				wording.confirmation(booked, CallbackChanged.Change.REQUESTED, CallbackWording.locale(lang)));
		redirect.addFlashAttribute("position",
				"in_queue".equals(booked.kind()) && !"linked".equals(booked.status()) ? position : null);
		return "redirect:/contact/" + lang + "/callback/booked";
	}

	/** The readable confirmation after a booking (the redirect keeps a reload from booking twice). */
	@GetMapping("/contact/{lang}/callback/booked")
	String booked(@PathVariable String lang, Model model) {
		HelpCenterController.language(lang);
		if (!model.containsAttribute("confirmation")) {
			return "redirect:/contact/" + lang;
		}
		model.addAttribute("lang", lang);
		return "help/callback-booked";
	}

	private String refused(String lang, String question, CallbackForm form, String error, HttpStatus status,
			HttpServletResponse response, Model model) {
		response.setStatus(status.value());
		model.addAttribute("suggestions", List.of());
		return page(lang, question, true, form.withError(error), model);
	}

	/** What the customer typed in a topic's callback form, and the message when it was refused. */
	record CallbackForm(String topic, String phone, String when, String reason, String error) {

		CallbackForm withError(String key) {
			return new CallbackForm(topic, phone, when, reason, key);
		}
	}

	record SlotOption(String value, String label) {
	}

	/** The wording of an expected wait: a message key and the number it needs. */
	record WaitText(String key, long amount) {

		static WaitText of(QueueWait wait) {
			if (!wait.known()) {
				return new WaitText("contact.wait.unknown", 0);
			}
			long seconds = wait.expectedWaitSeconds();
			if (seconds == 0) {
				return new WaitText("contact.wait.none", 0);
			}
			if (seconds < 60) {
				return new WaitText("contact.wait.underMinute", 0);
			}
			if (seconds < 90 * 60) {
				return new WaitText("contact.wait.minutes", (seconds + 59) / 60);
			}
			return new WaitText("contact.wait.hours", Math.max(2, Math.round(seconds / 3600.0)));
		}
	}

	@PostMapping("/contact/{lang}/reach")
	String reach(@PathVariable String lang, @RequestParam String topic, @RequestParam String channel,
			HttpServletRequest request, HttpServletResponse response) {
		HelpCenterController.language(lang);
		ContactTopic chosen = topics.find(topic).orElseThrow(() -> new NotFoundException("Topic", topic));
		String target = switch (channel) {
			case "email" -> chosen.email() == null ? null : "mailto:" + chosen.email();
			case "phone" -> chosen.phone() == null ? null : "tel:" + chosen.phone();
			case "whatsapp" -> chosen.whatsapp() == null ? null : "https://wa.me/" + chosen.whatsapp().substring(1);
			default -> null;
		};
		if (target == null) {
			throw new NotFoundException("Channel", channel);
		}
		log.contactedAnyway(topic, channel, lang, HelpCenterController.visitor(request, response));
		return "redirect:" + target;
	}
}
