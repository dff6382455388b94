package org.tokenyield.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies with 413: by their declared length before anything reads them,
 * and by the bytes actually read for chunked bodies. JSON and form requests are small (a
 * prompt is at most 20,000 characters); imports stream and get a larger limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBody;

	private final long maxImport;

	RequestSizeLimit(SystemProperties properties) {
		this.maxBody = properties.limits().maxBody().toBytes();
		this.maxImport = properties.limits().maxImport().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		String path = request.getRequestURI();
		// the import page uploads the same files as the import API (multipart, up to its
		// own limit)
		long limit = path.startsWith("/api/v1/imports") || path.startsWith("/moderation/import") ? this.maxImport
				: this.maxBody;
		if (length > limit) {
			refuse(response, "The body is " + length + " bytes; at most " + limit + " are accepted here.");
			return;
		}
		// a chunked body declares no length: its bytes are counted as they are read
		try {
			chain.doFilter(new Counted(request, limit), response);
		}
		catch (PayloadTooLargeException ex) {
			if (!response.isCommitted()) {
				response.reset();
				refuse(response, ex.getMessage());
			}
		}
	}

	private static void refuse(HttpServletResponse response, String detail) throws IOException {
		response.setStatus(413);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,\"detail\":\"" + detail
					+ "\"}");
	}

	/**
	 * The request with a body that throws {@link PayloadTooLargeException} past the
	 * limit.
	 */
	private static final class Counted extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		private BufferedReader reader;

		Counted(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name()
						: getCharacterEncoding();
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(), encoding));
			}
			return this.reader;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		CountingStream(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		private int counted(int n) {
			if (n > 0) {
				this.read += n;
				if (this.read > this.limit) {
					throw new PayloadTooLargeException(this.limit);
				}
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
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
