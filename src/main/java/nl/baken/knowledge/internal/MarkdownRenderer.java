package nl.baken.knowledge.internal;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Markdown to HTML that is safe to show to anyone: raw HTML in the Markdown is escaped by the renderer, and the
 * result passes an allow-list sanitiser as well, so neither a careless editor nor a crafted link can inject script.
 */
public final class MarkdownRenderer {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("a", "pre", "code", "hr")
			.allowUrlProtocols("https", "http", "mailto", "tel")
			.allowAttributes("href")
			.onElements("a")
			.requireRelNofollowOnLinks()
			.toFactory());

	private MarkdownRenderer() {
	}

	public static String toSafeHtml(String markdown) {
		return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
	}
}
