package org.tokenyield.grading;

/**
 * Asks a judge model one question. Implemented outside this package by a provider call,
 * so that grading stays free of HTTP and configuration; tests use a lambda.
 */
@FunctionalInterface
public interface JudgeClient {

	JudgeReply ask(String judgePrompt);

}
