package nl.baken.customer;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import nl.baken.shared.InvalidInputException;

/**
 * One normalised way to reach a customer. Build it through the factories, which normalise: e-mail addresses are
 * trimmed and lower-cased, phone numbers and WhatsApp ids become E.164 (Dutch numbers may be written nationally).
 * {@code system} names the external system for {@link IdentityKind#EXTERNAL} ids and is empty otherwise.
 */
public record Identity(IdentityKind kind, String system, String value) {

	/** Numbers written without a country code are read as Dutch. */
	public static final String DEFAULT_REGION = "NL";

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

	private static final Pattern OPAQUE = Pattern.compile("^[\\p{Alnum}._:@/+=-]{1,200}$");

	private static final Pattern SYSTEM = Pattern.compile("^[a-z][a-z0-9_-]{0,39}$");

	public Identity {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(system, "system");
		Objects.requireNonNull(value, "value");
	}

	public static Identity email(String raw) {
		String value = trimmed(raw, "email").toLowerCase(Locale.ROOT);
		if (value.length() > 320 || !EMAIL.matcher(value).matches()) {
			throw new InvalidInputException("email", "'" + raw + "' is not an e-mail address");
		}
		return new Identity(IdentityKind.EMAIL, "", value);
	}

	public static Identity phone(String raw) {
		return new Identity(IdentityKind.PHONE, "", e164(trimmed(raw, "phone"), "phone"));
	}

	/** WhatsApp ids are the phone number in international form, usually without the leading plus. */
	public static Identity whatsapp(String raw) {
		String value = trimmed(raw, "whatsappId");
		return new Identity(IdentityKind.WHATSAPP, "",
				e164(value.startsWith("+") || value.startsWith("00") ? value : "+" + value, "whatsappId"));
	}

	public static Identity webVisitor(String raw) {
		return new Identity(IdentityKind.WEB_VISITOR, "", opaque(raw, "webVisitorId"));
	}

	public static Identity external(String system, String raw) {
		String name = trimmed(system, "externalIds").toLowerCase(Locale.ROOT);
		if (!SYSTEM.matcher(name).matches()) {
			throw new InvalidInputException("externalIds",
					"'" + system + "' is not a system name (lower-case letters, digits, '-' or '_', at most 40)");
		}
		return new Identity(IdentityKind.EXTERNAL, name, opaque(raw, "externalIds." + name));
	}

	/** The phone identity a WhatsApp id implies: the same number is the same customer. */
	public Identity asPhone() {
		return kind == IdentityKind.WHATSAPP ? new Identity(IdentityKind.PHONE, "", value) : this;
	}

	@Override
	public String toString() {
		return kind.code() + (system.isEmpty() ? "" : "/" + system) + ":" + value;
	}

	private static String trimmed(String raw, String field) {
		if (raw == null || raw.isBlank()) {
			throw new InvalidInputException(field, field + " must not be empty");
		}
		return raw.strip();
	}

	private static String opaque(String raw, String field) {
		String value = trimmed(raw, field);
		if (!OPAQUE.matcher(value).matches()) {
			throw new InvalidInputException(field,
					field + " must be 1 to 200 letters, digits or ._:@/+=- characters");
		}
		return value;
	}

	private static String e164(String raw, String field) {
		try {
			PhoneNumber number = PHONES.parse(raw, DEFAULT_REGION);
			if (!PHONES.isValidNumber(number)) {
				throw new InvalidInputException(field, "'" + raw + "' is not a valid phone number");
			}
			return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
		}
		catch (NumberParseException e) {
			throw new InvalidInputException(field, "'" + raw + "' is not a phone number: " + e.getMessage());
		}
	}
}
