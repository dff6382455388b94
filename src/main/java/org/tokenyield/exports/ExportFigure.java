package org.tokenyield.exports;

import org.tokenyield.analytics.calc.Estimate;

/**
 * The leaderboard numbers of one config, recomputed from the snapshot's own runs
 * ({@link org.tokenyield.analytics.calc.ConfigSummary}, seeded with
 * {@code Seeds.seedOf("export",
 * dataset, model, setting)}), so anyone can reproduce them from {@code runs.jsonl}.
 */
public record ExportFigure(String dataset, String model, String setting, boolean simulated, int prompts,
		int gradedPrompts, Estimate accuracy, Double input, Double generated, Double reasoning, Double medianGenerated,
		Double costPerCorrect) {

}
