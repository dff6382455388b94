/**
 * Calling models and counting their tokens: one
 * {@link org.tokenyield.providers.ModelProvider} per wire format, plus the offline
 * tokenizer and simulator providers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Providers")
package org.tokenyield.providers;
