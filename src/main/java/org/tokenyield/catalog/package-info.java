/**
 * Model versions: family, predecessor, provider, API model name, settings to sweep,
 * prices.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package org.tokenyield.catalog;
