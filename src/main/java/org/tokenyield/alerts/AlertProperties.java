package org.tokenyield.alerts;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.alerts.*}.
 *
 * @param watch how often {@link ChangeWatcher} compares the figures
 * @param webhooks delivery of signed alerts
 */
@ConfigurationProperties("app.alerts")
@Validated
public record AlertProperties(@DefaultValue("PT5M") Duration watch, @DefaultValue @Valid Webhooks webhooks) {

	/**
	 * @param poll how often due deliveries are claimed
	 * @param backoffBase the first retry's delay, doubled for each further attempt
	 * @param maxAttempts attempts before a delivery is marked failed
	 * @param allowedNetworks networks (CIDR, such as {@code 10.20.0.0/16}) webhooks may
	 * reach although they are loopback, private or otherwise special; none by default
	 * ({@link WebhookTargets})
	 */
	public record Webhooks(@DefaultValue("PT5S") Duration poll, @DefaultValue("PT30S") Duration backoffBase,
			@DefaultValue("8") @Min(1) int maxAttempts,
			@DefaultValue List<@Pattern(regexp = "[0-9A-Fa-f:.]+(/[0-9]{1,3})?",
					message = "must be an IP network such as 10.20.0.0/16") String> allowedNetworks) {
	}

}
