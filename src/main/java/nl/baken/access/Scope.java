package nl.baken.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may do. Controllers name the scope they need with
 * {@code @PreAuthorize(Scope.Authority.X)}.
 */
public enum Scope {

	INBOUND_WRITE("inbound:write"),
	CUSTOMERS_READ("customers:read"),
	CUSTOMERS_WRITE("customers:write"),
	CONVERSATIONS_READ("conversations:read"),
	CONVERSATIONS_WRITE("conversations:write"),
	ADMIN("admin");

	private final String code;

	Scope(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public String authority() {
		return "SCOPE_" + code;
	}

	public static Optional<Scope> fromCode(String code) {
		String wanted = code.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter(scope -> scope.code.equals(wanted)).findFirst();
	}

	/** Expressions for {@code @PreAuthorize}; annotation values must be compile-time constants. */
	public static final class Authority {

		public static final String INBOUND_WRITE = "hasAuthority('SCOPE_inbound:write')";

		public static final String CUSTOMERS_READ = "hasAuthority('SCOPE_customers:read')";

		public static final String CUSTOMERS_WRITE = "hasAuthority('SCOPE_customers:write')";

		public static final String CONVERSATIONS_READ = "hasAuthority('SCOPE_conversations:read')";

		public static final String CONVERSATIONS_WRITE = "hasAuthority('SCOPE_conversations:write')";

		public static final String ADMIN = "hasAuthority('SCOPE_admin')";

		private Authority() {
		}
	}
}
