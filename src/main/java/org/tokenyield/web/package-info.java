/**
 * Pages that combine features: the leaderboard, model and compare pages, prompt pages,
 * submission. Depends on the features; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.tokenyield.web;
