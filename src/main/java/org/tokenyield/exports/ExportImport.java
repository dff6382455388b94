package org.tokenyield.exports;

/**
 * An import's provenance as a snapshot's manifest lists it: which harness wrote the file
 * (and its version), the file's SHA-256, who imported it, and the source and licence it
 * was given.
 */
record ExportImport(String dataset, String format, String harness, String harnessVersion, String fileSha256,
		String importedBy, String sourceUrl, String licence, int runsAdded, String importedAt) {
}
