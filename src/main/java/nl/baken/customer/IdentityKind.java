package nl.baken.customer;

import java.util.Locale;

public enum IdentityKind {

	EMAIL, PHONE, WHATSAPP, WEB_VISITOR, EXTERNAL;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static IdentityKind fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}
}
