package org.tokenyield.system;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits of an act per client address (sign-up, submission, preview) or per account
 * (preview), counted in PostgreSQL so that every instance of a deployment sees the same
 * count.
 */
@Service
public class ClientLimits {

	private final ClientActionsRepository actions;

	ClientLimits(ClientActionsRepository actions) {
		this.actions = actions;
	}

	/**
	 * Counts one more {@code action} by the current client, or refuses it.
	 * @throws TooManyRequestsException when the client already did it {@code max} times
	 * within {@code window}; {@code Retry-After} is when the oldest of those leaves the
	 * window
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW) // counted even when the act
															// then fails
	public void count(String action, int max, Duration window, String what) {
		count(action, ClientAddress.current(), max, window, what + " per client in " + describe(window));
	}

	/**
	 * Counts one more {@code action} by an account, from wherever it comes, or refuses
	 * it: a member's own limit beside her client's.
	 * @throws TooManyRequestsException when the account already did it {@code max} times
	 * within {@code window}
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void countForAccount(String action, long account, int max, Duration window, String what) {
		count(action, "account:" + account, max, window, what + " in " + describe(window));
	}

	private void count(String action, String client, int max, Duration window, String limit) {
		this.actions.lock(action, client);
		ClientActionsRepository.Recent recent = this.actions.within(action, client, window);
		if (recent.count() >= max) {
			long waited = (System.currentTimeMillis() - recent.oldest().toEpochMilli()) / 1000;
			throw new TooManyRequestsException("At most " + max + " " + limit + "; try again later.",
					Duration.ofSeconds(Math.max(1, window.toSeconds() - waited)));
		}
		this.actions.add(action, client);
		if (ThreadLocalRandom.current().nextInt(200) == 0) {
			this.actions.forgetOld();
		}
	}

	private static String describe(Duration window) {
		return window.toHours() >= 1 && window.toMinutes() % 60 == 0 ? window.toHours() + " hour(s)"
				: window.toMinutes() + " minute(s)";
	}

}
