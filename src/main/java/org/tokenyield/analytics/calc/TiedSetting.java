package org.tokenyield.analytics.calc;

/**
 * The cheapest setting of a sweep whose accuracy is tied with the most accurate one
 * (docs/methodology-notes.md "The cheapest tied setting").
 *
 * @param setting the cheapest tied setting (the most accurate one itself when no cheaper
 * setting ties)
 * @param accuracyGap {@code A_setting − A_best} over the sweep's paired prompts, with its
 * paired bootstrap interval (0 for the best itself)
 * @param costPerCorrect its cost per correct answer over the paired prompts (total cost /
 * correct runs), null with no correct run
 * @param savingsPer1000 what answering 1,000 prompts once at this setting saves against
 * the most accurate setting, USD
 */
public record TiedSetting(String setting, Estimate accuracyGap, Double costPerCorrect, double savingsPer1000) {

}
