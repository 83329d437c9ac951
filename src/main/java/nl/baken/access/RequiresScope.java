package nl.baken.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes an API endpoint needs, all of them. Checked before the request body is read, so a caller without the
 * scope learns nothing from validation errors; an {@code /api} endpoint without this annotation is refused.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {

	Scope[] value();
}
