package nl.baken.access.internal;

import nl.baken.access.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How single sign-on recognises people ({@code baken.sso.*}). {@code matchClaim} is the ID-token claim that names the
 * person and {@code matchTo} the Baken field it must equal ({@code email} or {@code username}). An e-mail claim counts
 * only when the provider says it verified it. {@code autoCreateRole} empty: people Baken does not know are refused.
 */
@Component
class SsoSettings {

	private final String matchClaim;

	private final String matchTo;

	private final boolean requireVerifiedEmail;

	private final Role autoCreateRole;

	private final String autoCreateTeam;

	private final boolean providerLogout;

	SsoSettings(@Value("${baken.sso.match-claim:email}") String matchClaim,
			@Value("${baken.sso.match-to:email}") String matchTo,
			@Value("${baken.sso.require-verified-email:true}") boolean requireVerifiedEmail,
			@Value("${baken.sso.auto-create.role:}") String autoCreateRole,
			@Value("${baken.sso.auto-create.team:}") String autoCreateTeam,
			@Value("${baken.sso.provider-logout:true}") boolean providerLogout) {
		if (!matchTo.equals("email") && !matchTo.equals("username")) {
			throw new IllegalArgumentException("baken.sso.match-to is 'email' or 'username', not '" + matchTo + "'");
		}
		this.matchClaim = matchClaim.strip();
		this.matchTo = matchTo;
		this.requireVerifiedEmail = requireVerifiedEmail;
		this.autoCreateRole = autoCreateRole.isBlank() ? null : Role.fromCode(autoCreateRole);
		this.autoCreateTeam = autoCreateTeam.isBlank() ? null : autoCreateTeam.strip();
		this.providerLogout = providerLogout;
	}

	String matchClaim() {
		return matchClaim;
	}

	boolean matchesUsername() {
		return matchTo.equals("username");
	}

	boolean requireVerifiedEmail() {
		return requireVerifiedEmail;
	}

	/** The role of people created on their first login, or null: then nobody is created. */
	Role autoCreateRole() {
		return autoCreateRole;
	}

	String autoCreateTeam() {
		return autoCreateTeam;
	}

	boolean providerLogout() {
		return providerLogout;
	}
}
