package org.tokenyield.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is counted as it is read, whoever reads it: past its limit a read
 * throws {@link PayloadTooLargeException}, past its deadline {@link SlowBodyException}.
 * Chunked bodies have no length to check first; a trickling client is only caught between
 * reads, and a read waits at most the server's connection timeout.
 */
final class BoundedBody extends HttpServletRequestWrapper {

	private static final long NONE = Long.MAX_VALUE;

	private final long limit;

	private final Duration deadline;

	private final long started = System.nanoTime();

	private volatile long deadlineAt;

	private CountingStream stream;

	private BufferedReader reader;

	/**
	 * @param deadline how long the body may take from now; null for none (an import's
	 * file, read by the application after it checked the role)
	 */
	BoundedBody(HttpServletRequest request, long limit, Duration deadline) {
		super(request);
		this.limit = limit;
		this.deadline = deadline;
		this.deadlineAt = deadline == null ? NONE : this.started + deadline.toNanos();
	}

	long limit() {
		return this.limit;
	}

	/** From here on the body may take its time (a streamed upload, once it begins). */
	void endDeadline() {
		this.deadlineAt = NONE;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new CountingStream(super.getInputStream());
		}
		return this.stream;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		if (this.reader == null) {
			String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			this.reader = new BufferedReader(new InputStreamReader(getInputStream(), encoding));
		}
		return this.reader;
	}

	/** Whether the whole body was read (or there was none). */
	boolean finished() {
		try {
			return getInputStream().isFinished();
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Reads what the application left of the body, so that the connection can serve the
	 * next request; at most {@code maxBytes} within {@code maxTime}, and within the
	 * body's own limit and deadline.
	 * @return false when the rest could not be read in time or was too large: the
	 * connection must be closed, not left to read the rest at the client's pace
	 */
	boolean drain(long maxBytes, Duration maxTime) {
		try {
			CountingStream in = (CountingStream) getInputStream();
			if (in.isFinished()) {
				return true;
			}
			long until = System.nanoTime() + maxTime.toNanos();
			long drained = 0;
			byte[] buffer = new byte[8192];
			for (int n; (n = in.read(buffer)) >= 0;) {
				drained += n;
				if (drained > maxBytes || System.nanoTime() > until) {
					return false;
				}
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private long read;

		CountingStream(ServletInputStream in) {
			this.in = in;
		}

		private void checkDeadline() {
			if (System.nanoTime() > BoundedBody.this.deadlineAt) {
				throw new SlowBodyException(BoundedBody.this.deadline);
			}
		}

		private int counted(int n) {
			if (n > 0) {
				this.read += n;
				if (this.read > BoundedBody.this.limit) {
					throw new PayloadTooLargeException(BoundedBody.this.limit);
				}
				checkDeadline();
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			checkDeadline();
			int b = this.in.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			checkDeadline();
			return counted(this.in.read(b, off, len));
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
