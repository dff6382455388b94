/**
 * Turning a request into queued runs: the estimate shown before confirming, the plan's
 * creation, and the handlers that queue runs in the same transaction as the approval or
 * new version that asks for them.
 */
package org.tokenyield.runs.plans;
