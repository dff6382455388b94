package org.tokenyield.analytics.calc;

/**
 * One setting of a sweep over the paired prompts: T_s (mean generated tokens) and A_s
 * (accuracy).
 */
public record ScalingPoint(String setting, double tokens, double accuracy) {
}
