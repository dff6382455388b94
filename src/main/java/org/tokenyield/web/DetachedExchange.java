package org.tokenyield.web;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * A page rendered through its real view (Thymeleaf with the Spring and Spring Security
 * dialects, links with the context path) on a request that belongs to no reader: no
 * parameters, no headers, no session, no CSRF token, English, and a response that buffers
 * the HTML. What the templates read of a request is only its attributes and context path;
 * everything else answers empty, so no reader's state can reach the bytes.
 */
final class DetachedExchange {

	private DetachedExchange() {
	}

	static byte[] render(View view, Map<String, ?> model, ServletContext servlet, WebApplicationContext context,
			ResourceUrlProvider resources) throws Exception {
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
		String contextPath = servlet.getContextPath();
		HttpServletRequest request = proxy(HttpServletRequest.class, (self, method, args) -> switch (method.getName()) {
			case "getAttribute" -> attributes.get((String) args[0]);
			case "setAttribute" -> {
				if (args[1] == null) {
					attributes.remove((String) args[0]);
				}
				else {
					attributes.put((String) args[0], args[1]);
				}
				yield null;
			}
			case "removeAttribute" -> attributes.remove((String) args[0]);
			case "getAttributeNames" -> Collections.enumeration(new ArrayList<>(attributes.keySet()));
			case "getServletContext" -> servlet;
			case "getContextPath" -> contextPath;
			case "getRequestURI" -> contextPath + "/";
			case "getRequestURL" -> new StringBuffer("http://localhost" + contextPath + "/");
			case "getServletPath" -> "/";
			case "getMethod" -> "GET";
			case "getScheme" -> "http";
			case "getProtocol" -> "HTTP/1.1";
			case "getServerName", "getRemoteAddr", "getRemoteHost", "getLocalName", "getLocalAddr" -> "localhost";
			case "getLocale" -> Locale.ENGLISH;
			case "getLocales" -> Collections.enumeration(List.of(Locale.ENGLISH));
			case "getCharacterEncoding" -> "UTF-8";
			case "getDispatcherType" -> DispatcherType.REQUEST;
			case "getHeaders", "getHeaderNames", "getParameterNames" -> Collections.emptyEnumeration();
			case "getParameterMap" -> Map.of();
			case "getCookies" -> null;
			default -> nothing(self, method.getName(), method.getReturnType(), args);
		});
		ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
		PrintWriter writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
		ServletOutputStream stream = new ServletOutputStream() {

			@Override
			public void write(int b) {
				body.write(b);
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
			}

		};
		HttpServletResponse response = proxy(HttpServletResponse.class,
				(self, method, args) -> switch (method.getName()) {
					case "getWriter" -> writer;
					case "getOutputStream" -> stream;
					case "getCharacterEncoding" -> "UTF-8";
					case "getLocale" -> Locale.ENGLISH;
					case "encodeURL", "encodeRedirectURL" -> resource(contextPath, (String) args[0], resources);
					default -> nothing(self, method.getName(), method.getReturnType(), args);
				});
		view.render(model, request, response);
		writer.flush();
		return body.toByteArray();
	}

	/**
	 * A static file's link with its version, as ResourceUrlEncodingFilter writes it on a
	 * request (e.g. {@code /webjars/chart.js/4.4.1/dist/chart.umd.js}); other links as
	 * they are.
	 */
	private static String resource(String contextPath, String url, ResourceUrlProvider resources) {
		int end = url.length();
		for (char c : new char[] { '?', '#' }) {
			int at = url.indexOf(c);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		if (!url.startsWith(contextPath + "/")) {
			return url;
		}
		String resolved = resources.getForLookupPath(url.substring(contextPath.length(), end));
		return (resolved != null) ? contextPath + resolved + url.substring(end) : url;
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(DetachedExchange.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	/** Whatever else is asked: absent (null, false, 0), or the proxy's own identity. */
	private static Object nothing(Object self, String name, Class<?> type, Object[] args) {
		return switch (name) {
			case "equals" -> self == args[0];
			case "hashCode" -> System.identityHashCode(self);
			case "toString" -> "a request of no reader";
			default -> {
				if (type == boolean.class) {
					yield false;
				}
				if (type == int.class) {
					yield 0;
				}
				if (type == long.class) {
					yield 0L;
				}
				yield null;
			}
		};
	}

}
