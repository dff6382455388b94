package org.tokenyield.accounts;

import java.time.Instant;

/** An account as other features and pages see it (never the password hash). */
public record AccountView(long id, String username, String email, Role role, boolean enabled, Instant createdAt) {
}
