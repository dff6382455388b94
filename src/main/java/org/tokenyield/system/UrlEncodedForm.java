package org.tokenyield.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A urlencoded form read by the application through its {@link BoundedBody} (within the
 * body's limit and deadline) when a parameter is first asked for, instead of by the
 * container, whose own reading knows no deadline.
 */
final class UrlEncodedForm extends HttpServletRequestWrapper {

	private FormFields fields;

	UrlEncodedForm(BoundedBody body) {
		super(body);
	}

	private FormFields fields() {
		if (this.fields == null) {
			try {
				byte[] body = getInputStream().readAllBytes();
				var charset = FormFields.charset(this);
				this.fields = FormFields.of((jakarta.servlet.http.HttpServletRequest) getRequest(),
						FormFields.urlEncoded(new String(body, charset), charset));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this.fields;
	}

	@Override
	public String getParameter(String name) {
		return fields().get(name);
	}

	@Override
	public String[] getParameterValues(String name) {
		return fields().values(name);
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return fields().map();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return fields().names();
	}

}
