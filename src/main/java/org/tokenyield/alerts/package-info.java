/**
 * Change alerts (docs/alerts.md): an entry whenever a version is added, a verdict
 * changes, a setting is newly flagged ignored, or the drift over time of an unchanged
 * model name leaves its interval; served as Atom feeds and pushed to admin-configured
 * webhooks, signed with HMAC-SHA256 and retried by a background dispatcher that never
 * touches the run queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts")
package org.tokenyield.alerts;
