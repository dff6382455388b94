/**
 * Grading: the rules a prompt carries ({@link org.tokenyield.grading.GradingRule}), how
 * they are read from and written to their API/storage form
 * ({@link org.tokenyield.grading.GradingRules}), how a final answer is extracted and
 * scored ({@link org.tokenyield.grading.Grading}) and the LLM judge
 * ({@link org.tokenyield.grading.JudgeGrader}). Pure Java: no beans, no database, so that
 * regrading stored answers is a plain function call. The conventions are written up in
 * {@code docs/grading.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Grading")
package org.tokenyield.grading;
