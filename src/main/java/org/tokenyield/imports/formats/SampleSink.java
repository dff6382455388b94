package org.tokenyield.imports.formats;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where a harness log's samples go, each already in the native JSONL's shape, so one
 * parser checks every format by the same rules.
 */
public interface SampleSink {

	/**
	 * @param position the sample's position in the file, from 1
	 * @param sampleId the harness's id of the sample (with its epoch where it has one)
	 * @param line the run, as a native JSONL line would hold it
	 */
	void sample(int position, String sampleId, ObjectNode line);

	/** A sample that cannot become a run, with the reason. */
	void reject(int position, String sampleId, String error);

}
