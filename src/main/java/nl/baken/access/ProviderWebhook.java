package nl.baken.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that a channel provider calls (WhatsApp's webhook, say): it carries no API token but the provider's
 * signature, which the handler verifies before it reads or stores anything. Only allowed on
 * {@code /api/v1/channels/<id>/webhook}; everywhere else an endpoint still needs {@link RequiresScope}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProviderWebhook {

	/** The path pattern the security chain opens to unauthenticated callers, and nothing else. */
	String PATH = "/api/v1/channels/*/webhook";
}
