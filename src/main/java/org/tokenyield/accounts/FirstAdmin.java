package org.tokenyield.accounts;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first admin comes from APP_ADMIN_USERNAME / APP_ADMIN_PASSWORD, or gets a random
 * password that is printed once, at the start that creates it.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final AccountService accounts;

	private final String username;

	private final String password;

	FirstAdmin(AccountService accounts, AccountProperties properties) {
		this.accounts = accounts;
		this.username = properties.admin().username();
		this.password = properties.admin().password();
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean generated = this.password == null || this.password.isBlank();
		String raw = generated ? randomPassword() : this.password;
		if (this.accounts.createAdminIfNone(this.username, this.username + "@localhost", raw) && generated) {
			log.warn(
					"\n\n  First admin created: username '{}', password '{}'\n  (printed once; set APP_ADMIN_PASSWORD to choose it)\n",
					this.username, raw);
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
