package org.tokenyield.analytics.calc;

/**
 * Whether a setting spends more tokens on harder prompts: the Spearman rank correlation
 * between a prompt's mean generated tokens and its difficulty (docs/methodology-notes.md
 * "Difficulty tracking").
 *
 * @param prompts prompts with known generated tokens and a known difficulty
 * @param rho the rank correlation with its bootstrap interval over prompts; undefined
 * with fewer than 3 prompts or when either side does not vary
 */
public record DifficultyTracking(String setting, int prompts, Estimate rho) {

}
