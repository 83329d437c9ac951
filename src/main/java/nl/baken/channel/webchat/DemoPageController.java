package nl.baken.channel.webchat;

import java.util.Locale;

import nl.baken.customer.Brands;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /webchat/demo}: a pretend Tuinhuys web shop page with the widget's script tag on it, as a customer's site
 * would have it, to try the chat without a site of one's own. Open without a login.
 */
@Controller
class DemoPageController {

	private final Brands brands;

	private final MessageSource texts;

	DemoPageController(Brands brands, MessageSource texts) {
		this.brands = brands;
		this.texts = texts;
	}

	@GetMapping("/webchat/demo")
	String demo(@RequestParam(defaultValue = "tuinhuys") String brand,
			@RequestParam(required = false) String lang, Model model) {
		String language = "en".equals(lang) ? "en" : "nl";
		model.addAttribute("brand", brands.exists(brand) ? brand : "tuinhuys");
		model.addAttribute("language", language);
		model.addAttribute("other", "en".equals(language) ? "nl" : "en");
		Locale locale = Locale.of(language);
		for (String key : new String[] { "title", "intro", "product", "price", "other" }) {
			model.addAttribute(key + "Text", texts.getMessage("webchat.demo." + key, null, locale));
		}
		return "webchat/demo";
	}
}
