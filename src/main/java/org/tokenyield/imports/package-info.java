/** Bulk import of results from other harnesses (JSONL, one run per line). */
@org.springframework.modulith.ApplicationModule(displayName = "Imports")
package org.tokenyield.imports;
