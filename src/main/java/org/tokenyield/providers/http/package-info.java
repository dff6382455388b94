/**
 * Plumbing shared by the wire-format adapters: typed properties, the HTTP exchange with its
 * failure classification, setting parsing, and {@link org.tokenyield.providers.http.InputTokenCounter}.
 * Exposed as a named interface so other modules can count input tokens and read the limits.
 */
@org.springframework.modulith.NamedInterface("http")
package org.tokenyield.providers.http;
