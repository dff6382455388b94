/**
 * The queue: runs waiting in PostgreSQL, the worker that claims and leases them, the
 * clock every lease and backoff reads, and the queue's metrics. Kept apart so the claim
 * path can be read on its own.
 */
package org.tokenyield.runs.queue;
