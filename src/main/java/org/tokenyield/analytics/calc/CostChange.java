package org.tokenyield.analytics.calc;

/**
 * Why the cost per correct answer changed from an older config X to a newer config Y, in
 * USD per correct answer, over the paired prompts (docs/methodology-notes.md "Why did my
 * bill change"). The point values add up exactly: {@code input + reasoning + answer +
 * price + accuracy = total}; each interval is its own paired bootstrap percentile.
 *
 * @param prompts paired prompts the change is computed over
 * @param fromCostPerCorrect X's cost per correct answer over these prompts: where the
 * waterfall starts
 * @param toCostPerCorrect Y's, where it ends
 * @param input the change in input tokens per run, at X's input price, per correct answer
 * of X
 * @param reasoning the change in reasoning tokens per run, at X's output price
 * @param answer the change in visible answer tokens per run, at X's output price
 * @param price Y's cost per run as charged minus Y's tokens at X's list prices (less the
 * same for X), per correct answer of X
 * @param accuracy {@code C_Y · (1/A_Y − 1/A_X)}: Y's cost per run spread over a different
 * share of correct runs
 * @param total cost per correct answer of Y minus that of X
 */
public record CostChange(int prompts, double fromCostPerCorrect, double toCostPerCorrect, Estimate input,
		Estimate reasoning, Estimate answer, Estimate price, Estimate accuracy, Estimate total) {

}
