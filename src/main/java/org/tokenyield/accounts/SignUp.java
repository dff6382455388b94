package org.tokenyield.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A sign-up, from the form or {@code POST /api/v1/accounts}. */
public record SignUp(
		@NotBlank @Size(min = 3, max = 40, message = "{text.between}") @Pattern(regexp = "[A-Za-z0-9_.-]*",
				message = "may contain only letters, digits, '_', '.' and '-'") String username,
		@NotBlank @Email @Size(max = 254, message = "{text.at-most}") String email,
		@NotBlank @Size(min = 10, max = 128, message = "{text.between}") String password) {
}
