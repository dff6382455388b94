/** Run plans, the PostgreSQL-backed queue, execution, grading of answers as they land. */
@org.springframework.modulith.ApplicationModule(displayName = "Runs")
package org.tokenyield.runs;
