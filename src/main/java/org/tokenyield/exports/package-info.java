/**
 * Dated, immutable exports (docs/exports.md): one snapshot per UTC day of the public runs
 * (JSONL and CSV) and the figures recomputed from exactly those runs (JSON), each file
 * with its SHA-256 and a manifest, stored in PostgreSQL and served at a stable URL
 * forever; and the methodology changelog that dates every change to how a figure is
 * computed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Exports")
package org.tokenyield.exports;
