package nl.baken.knowledge.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.knowledge.ContactTopic;
import nl.baken.knowledge.ContactTopics;
import nl.baken.knowledge.KnowledgeHit;
import nl.baken.knowledge.KnowledgeSearch;
import nl.baken.knowledge.internal.SelfServiceLog;
import nl.baken.shared.NotFoundException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The contact page answers first: the customer types the question and sees the best articles; only after that the
 * ways to reach a person, per topic, each with its team's channels and business hours. Every step is a contact event
 * (suggestions shown, opened, "helped", contacted anyway) for the self-service KPIs.
 */
@Controller
class ContactPageController {

	private static final int SUGGESTIONS = 3;

	private final KnowledgeSearch search;

	private final ContactTopics topics;

	private final SelfServiceLog log;

	ContactPageController(KnowledgeSearch search, ContactTopics topics, SelfServiceLog log) {
		this.search = search;
		this.topics = topics;
		this.log = log;
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
		model.addAttribute("lang", lang);
		model.addAttribute("q", question);
		model.addAttribute("suggestions", suggestions);
		// a person is offered once the question has been asked and the answers were seen (or none was found)
		model.addAttribute("reach", !question.isEmpty() && (reach || suggestions.isEmpty()));
		model.addAttribute("topics", topics.all());
		return "help/contact";
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
