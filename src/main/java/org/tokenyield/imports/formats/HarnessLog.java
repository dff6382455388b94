package org.tokenyield.imports.formats;

import java.io.IOException;

/**
 * A harness's log, opened on a file: what it says of itself (read first), then its
 * samples, streamed one at a time so that memory does not grow with the file.
 */
public interface HarnessLog {

	/** The harness's version as the log records it, null when it does not. */
	String harnessVersion();

	/** The scorer whose scores become the runs' scores, null when none is used. */
	String scorer();

	void samples(SampleSink sink) throws IOException;

}
