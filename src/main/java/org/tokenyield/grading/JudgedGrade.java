package org.tokenyield.grading;

/**
 * A judge's grade with the judge's own token use, which is reported beside the run and
 * never added to the model's tokens.
 */
public record JudgedGrade(Grade grade, long judgeInputTokens, long judgeOutputTokens) {

}
