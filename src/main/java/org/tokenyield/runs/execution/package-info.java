/**
 * One claimed run against its provider: the call, the retry policy, and the recording of
 * attempts and replies. Status changes go through the base package's RunTransitions.
 */
package org.tokenyield.runs.execution;
