package org.tokenyield.runs.queue;

/**
 * What the executor needs of a claimed run's prompt, read by the claim query that joins
 * it anyway (one query fewer per run on the queue's hot path). A record of its own, so
 * the queue and its repository both use it without importing each other.
 */
public record PromptData(String text, String difficulty, String grader) {
}
