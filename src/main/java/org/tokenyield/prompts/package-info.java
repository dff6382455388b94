/** Prompt submission, moderation, reports and the audit log. */
@org.springframework.modulith.ApplicationModule(displayName = "Prompts")
package org.tokenyield.prompts;
