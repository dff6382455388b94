package org.tokenyield.web;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * The web module's settings: {@code app.first-page.*}.
 *
 * @param maxWait {@code app.first-page.wait} (a record cannot have a component named
 * {@code wait}): how long the start waits for the starter prompts' offline runs before it
 * reports ready ({@link StarterFiguresWarmup}); 0 does not wait
 */
@ConfigurationProperties("app.first-page")
@Validated
record FirstPageProperties(@Name("wait") @DefaultValue("PT90S") @DurationMin(nanos = 0) Duration maxWait) {

}
