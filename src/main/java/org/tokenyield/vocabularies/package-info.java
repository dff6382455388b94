/**
 * Cross-family input drift (docs/methodology-notes.md): how many tokens the same prompt
 * costs under the offline tokenizers of different model families, by category and by
 * script, also as characters per token. The counts are the stored runs of the
 * {@code tokenizer} provider; this package only reads them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vocabularies")
package org.tokenyield.vocabularies;
