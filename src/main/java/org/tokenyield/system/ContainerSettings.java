package org.tokenyield.system;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What the servlet container does around the application: a connection whose request body
 * the application refused is closed after the answer, instead of reading the rest of the
 * body at the client's pace.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ContainerSettings implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private static final String CLOSE = ContainerSettings.class.getName() + ".close";

	/** Marks the request: its connection closes after the answer. */
	static void closeAfterResponse(HttpServletRequest request) {
		request.setAttribute(CLOSE, Boolean.TRUE);
	}

	static boolean closesAfterResponse(HttpServletRequest request) {
		return request.getAttribute(CLOSE) != null;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addEngineValves(new CloseRefusedBodies());
	}

	/**
	 * Once the application refused a body (413, 408) or could not drain it in time,
	 * nothing more of it is read: the answer is sent and the connection closed.
	 */
	static final class CloseRefusedBodies extends ValveBase {

		CloseRefusedBodies() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			getNext().invoke(request, response);
			if (request.getAttribute(CLOSE) != null) {
				request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
			}
		}

	}

}
