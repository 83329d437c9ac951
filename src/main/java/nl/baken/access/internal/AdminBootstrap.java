package nl.baken.access.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A fresh installation gets one admin account, {@code admin}: its password from {@code baken.admin.initial-password}
 * when set, otherwise generated and printed once. There is no fixed default password; the demo data brings its own
 * documented accounts.
 */
@Component
@Order(100)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final Users users;

	private final String initialPassword;

	AdminBootstrap(Users users, @Value("${baken.admin.initial-password:}") String initialPassword) {
		this.users = users;
		this.initialPassword = initialPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.any()) {
			return;
		}
		boolean generated = initialPassword.isBlank();
		String password = generated ? generate() : initialPassword;
		users.create(new NewUser("admin", "Administrator", password, EnumSet.of(Role.ADMIN), null, "nl"),
				Actor.system("bootstrap"));
		if (generated) {
			log.warn("""

					No user existed, so the account 'admin' was created with this password, shown only this once:
					    {}
					Log in at /login and change it.""", password);
		}
	}

	private static String generate() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
