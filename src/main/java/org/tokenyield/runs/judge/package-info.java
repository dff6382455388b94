/**
 * Grading answers: the worker that asks the judge model about due answers, the grades it
 * stores, and rescoring the stored answers when a grading rule changes.
 */
package org.tokenyield.runs.judge;
