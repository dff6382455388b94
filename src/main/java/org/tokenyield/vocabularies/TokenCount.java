package org.tokenyield.vocabularies;

/**
 * One prompt counted by one tokenizer: its category and script, its length in Unicode
 * code points, and the input tokens the stored run recorded.
 */
record TokenCount(String model, long promptId, String category, Script script, long chars, long tokens) {

}
