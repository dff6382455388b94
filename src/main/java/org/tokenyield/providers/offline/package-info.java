/**
 * The two providers that need no key and no network (PRODUCT.md, "Models and providers"):
 * real input-token counts from OpenAI's encodings shipped inside jtokkit, and a simulator
 * of model versions whose token use and accuracy follow documented profiles. Both are
 * plain {@link org.tokenyield.providers.ModelProvider} beans; nothing outside this
 * package refers to the classes by name.
 */
package org.tokenyield.providers.offline;
