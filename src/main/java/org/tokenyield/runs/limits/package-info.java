/**
 * What a provider may take in this instance: breakers, per-minute request and token
 * buckets and the gate that claims runs within them.
 */
package org.tokenyield.runs.limits;
