/**
 * Reads for the pages and the API: run lists, one run's reproduction bundle and the
 * per-provider status counts.
 */
package org.tokenyield.runs.status;
