package org.tokenyield.prompts;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The prompts module's settings: {@code app.starter-prompts}, {@code app.categories} and
 * its own keys of {@code app.limits.*} (other modules bind the other keys of that
 * prefix).
 *
 * @param starterPrompts load {@code starter/prompts.json} on the first start
 * @param categories the categories a member may choose from (imports may bring others)
 * @param limits submission and report limits
 */
@ConfigurationProperties("app")
@Validated
public record PromptProperties(@DefaultValue("true") boolean starterPrompts, @NotEmpty List<String> categories,
		@DefaultValue @Valid Limits limits) {

	/**
	 * The categories when {@code app.categories} is not set (an empty value stops the
	 * start).
	 */
	public static final List<String> DEFAULT_CATEGORIES = List.of("math", "code", "factual", "reasoning", "prose",
			"multilingual");

	public PromptProperties {
		categories = (categories != null) ? List.copyOf(categories) : DEFAULT_CATEGORIES;
	}

	/**
	 * @param submissionsPerHour submissions a member may make an hour
	 * @param submissionsPerClientHour submissions per client address an hour, whatever
	 * the account
	 * @param reportsPerHour reports a member may file an hour
	 * @param previewsPerHour previews of the submit form a member may ask an hour (each
	 * checks the rule and whether the text exists)
	 * @param previewsPerClientHour previews per client address an hour, whatever the
	 * account
	 */
	public record Limits(@DefaultValue("30") @Min(1) int submissionsPerHour,
			@DefaultValue("60") @Min(1) int submissionsPerClientHour, @DefaultValue("20") @Min(1) int reportsPerHour,
			@DefaultValue("60") @Min(1) int previewsPerHour, @DefaultValue("120") @Min(1) int previewsPerClientHour) {
	}

}
