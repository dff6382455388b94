package org.tokenyield.accounts;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The accounts module's settings: {@code app.sign-in.*}, {@code app.tokens.*},
 * {@code app.admin.*} and its own key of {@code app.limits.*} (other modules bind the
 * other keys of that prefix).
 */
@ConfigurationProperties("app")
@Validated
public record AccountProperties(@DefaultValue @Valid SignIn signIn, @DefaultValue @Valid Tokens tokens,
		@DefaultValue @Valid Admin admin, @DefaultValue @Valid Limits limits) {

	/**
	 * Failed sign-ins (see {@link SignInThrottle}).
	 *
	 * @param window how long a failure counts
	 * @param lockFor how long a subject stays locked
	 * @param knownClientFor how long a client address that signed in to an account stays
	 * known to it
	 * @param accountClient per account and client address
	 * @param account per account, from every client address it does not know
	 * @param client per client address
	 */
	public record SignIn(@DefaultValue("PT15M") Duration window, @DefaultValue("PT15M") Duration lockFor,
			@DefaultValue("P30D") Duration knownClientFor, @DefaultValue @Valid AccountClientFailures accountClient,
			@DefaultValue @Valid AccountFailures account, @DefaultValue @Valid ClientFailures client) {
	}

	/**
	 * @param freeFailures failures of one account from one client address within the
	 * window before each try must wait
	 * @param lockAfter failures of one account from one client address within the window
	 * that lock that pair
	 */
	public record AccountClientFailures(@DefaultValue("5") @Min(0) int freeFailures,
			@DefaultValue("10") @Min(1) int lockAfter) {
	}

	/**
	 * @param freeFailures failures of one account from all client addresses within the
	 * window before each try from an address it does not know must wait; reaching it
	 * tells the admins (audit log) that the account is under attack
	 * @param lockAfter failures of one account within the window that lock it for the
	 * client addresses it does not know
	 */
	public record AccountFailures(@DefaultValue("30") @Min(0) int freeFailures,
			@DefaultValue("100") @Min(1) int lockAfter) {
	}

	/**
	 * @param freeFailures failures from one client address before each try must wait
	 * @param lockAfter failures from one client address that lock it
	 */
	public record ClientFailures(@DefaultValue("30") @Min(0) int freeFailures,
			@DefaultValue("100") @Min(1) int lockAfter) {
	}

	/**
	 * @param lifetime how long an API token is valid
	 */
	public record Tokens(@DefaultValue("P90D") Duration lifetime) {
	}

	/**
	 * The first admin.
	 *
	 * @param username its username
	 * @param password its password; blank: a random one is printed once
	 */
	public record Admin(@DefaultValue("admin") @NotBlank String username, @DefaultValue("") String password) {

		@Override
		public String toString() {
			return "Admin[username=" + this.username + ", password=" + (this.password.isEmpty() ? "" : "******") + "]";
		}

	}

	/**
	 * @param signUpsPerHour sign-ups per client address an hour
	 */
	public record Limits(@DefaultValue("10") @Min(1) int signUpsPerHour) {
	}

}
