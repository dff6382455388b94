package org.tokenyield.system;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.AbstractMultipartHttpServletRequest;

/**
 * A {@code multipart/form-data} body read by the application through its
 * {@link BoundedBody} when a parameter or file is first asked for, instead of by the
 * container, whose own reading knows no deadline. Two ways:
 * <ul>
 * <li>buffered (every address but the import page): every part is read, all within the
 * body's limit ({@code app.limits.max-body}) and deadline;</li>
 * <li>streamed (the import page): the fields before the first file (the CSRF token first)
 * are read, within {@code app.limits.max-body} and the deadline; the file is then handed
 * over unread, so that it flows into the import as it arrives (up to
 * {@code app.limits.max-import}), and only once the role was checked. Parts after that
 * file are not read.</li>
 * </ul>
 */
final class MultipartForm extends AbstractMultipartHttpServletRequest {

	private final BoundedBody body;

	private final boolean streamed;

	private final long maxFields;

	private final Map<String, String> contentTypes = new HashMap<>();

	private FormFields fields;

	/**
	 * @param streamed hand the first file over unread
	 * @param maxFields how many bytes the fields before a streamed file may take
	 */
	MultipartForm(BoundedBody body, boolean streamed, long maxFields) {
		super(body);
		this.body = body;
		this.streamed = streamed;
		this.maxFields = maxFields;
	}

	@Override
	protected void initializeMultipart() {
		read();
	}

	private FormFields read() {
		if (this.fields != null) {
			return this.fields;
		}
		MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
		MultiValueMap<String, MultipartFile> files = new LinkedMultiValueMap<>();
		try {
			Charset charset = FormFields.charset(this.body);
			FileItemIterator items = new FileUpload().getItemIterator(new ServletRequestContext(this.body));
			long fieldBytes = 0;
			int parts = 0;
			while (items.hasNext()) {
				if (++parts > FormFields.MAX_FIELDS) {
					throw FormFields.tooMany();
				}
				FileItemStream item = items.next();
				if (item.getContentType() != null) {
					this.contentTypes.put(item.getFieldName(), item.getContentType());
				}
				if (this.streamed && !item.isFormField()) {
					this.body.endDeadline();
					files.add(item.getFieldName(), new StreamedFile(item));
					break;
				}
				byte[] bytes;
				try (InputStream in = item.openStream()) {
					bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxFields - fieldBytes + 1));
				}
				fieldBytes += bytes.length;
				if (fieldBytes > this.maxFields) {
					throw new PayloadTooLargeException(this.maxFields);
				}
				if (item.isFormField()) {
					values.add(item.getFieldName(), new String(bytes, charsetOf(item, charset)));
				}
				else {
					files.add(item.getFieldName(), new BufferedFile(item, bytes));
				}
			}
		}
		catch (EOFException ex) {
			throw new InvalidInputException("body", "ended before the form did");
		}
		catch (IOException ex) {
			if (ex.getClass().getName().startsWith("org.apache.tomcat.util.http.fileupload.")) {
				throw new InvalidInputException("body", "is not a valid multipart form");
			}
			throw new UncheckedIOException(ex);
		}
		this.fields = FormFields.of((HttpServletRequest) getRequest(), values);
		setMultipartFiles(files);
		return this.fields;
	}

	private static Charset charsetOf(FileItemStream item, Charset fallback) {
		try {
			MediaType type = item.getContentType() == null ? null : MediaType.parseMediaType(item.getContentType());
			return type == null || type.getCharset() == null ? fallback : type.getCharset();
		}
		catch (IllegalArgumentException ex) {
			return fallback;
		}
	}

	@Override
	public String getMultipartContentType(String paramOrFileName) {
		read();
		return this.contentTypes.get(paramOrFileName);
	}

	@Override
	public HttpHeaders getMultipartHeaders(String paramOrFileName) {
		String contentType = getMultipartContentType(paramOrFileName);
		if (contentType == null) {
			return null;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.CONTENT_TYPE, contentType);
		return headers;
	}

	@Override
	public String getParameter(String name) {
		return read().get(name);
	}

	@Override
	public String[] getParameterValues(String name) {
		return read().values(name);
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return read().map();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return read().names();
	}

	/** What every file part tells of itself: its field, file name and type. */
	private abstract static class FilePart implements MultipartFile {

		private final String name;

		private final String filename;

		private final String contentType;

		FilePart(FileItemStream item) {
			this.name = item.getFieldName();
			this.filename = item.getName();
			this.contentType = item.getContentType();
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public String getOriginalFilename() {
			return this.filename;
		}

		@Override
		public String getContentType() {
			return this.contentType;
		}

	}

	/** A file part read whole (at most a form body's size). */
	private static final class BufferedFile extends FilePart {

		private final byte[] bytes;

		BufferedFile(FileItemStream item, byte[] bytes) {
			super(item);
			this.bytes = bytes;
		}

		@Override
		public boolean isEmpty() {
			return this.bytes.length == 0;
		}

		@Override
		public long getSize() {
			return this.bytes.length;
		}

		@Override
		public byte[] getBytes() {
			return this.bytes.clone();
		}

		@Override
		public InputStream getInputStream() {
			return new ByteArrayInputStream(this.bytes);
		}

		@Override
		public void transferTo(File dest) throws IOException {
			Files.write(dest.toPath(), this.bytes);
		}

	}

	/**
	 * A file part handed over as it arrives: read once, through
	 * {@link #getInputStream()}; its size is unknown ({@code -1}) until then.
	 */
	private static final class StreamedFile extends FilePart {

		private final PushbackInputStream in;

		StreamedFile(FileItemStream item) throws IOException {
			super(item);
			this.in = new PushbackInputStream(item.openStream(), 1);
		}

		@Override
		public boolean isEmpty() {
			try {
				int first = this.in.read();
				if (first < 0) {
					return true;
				}
				this.in.unread(first);
				return false;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public long getSize() {
			return -1;
		}

		@Override
		public byte[] getBytes() {
			throw new UnsupportedOperationException("A streamed upload is read once, through getInputStream()");
		}

		@Override
		public InputStream getInputStream() {
			return this.in;
		}

		@Override
		public void transferTo(File dest) throws IOException {
			transferTo(dest.toPath());
		}

		@Override
		public void transferTo(Path dest) throws IOException {
			Files.copy(this.in, dest, StandardCopyOption.REPLACE_EXISTING);
		}

	}

}
