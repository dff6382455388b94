package org.tokenyield.analytics.calc;

/** A config on the tokens/accuracy plane, e.g. id = "model@setting". */
public record ParetoPoint(String id, double tokens, double accuracy) {
}
