/**
 * Plumbing shared by the wire-format adapters: typed properties, the HTTP exchange with
 * its failure classification, and {@link org.tokenyield.providers.http.InputTokenCounter}
 * (settings are parsed by {@link org.tokenyield.system.Setting}). Exposed as a named
 * interface so other modules can count input tokens and read the limits.
 */
@org.springframework.modulith.NamedInterface("http")
package org.tokenyield.providers.http;
