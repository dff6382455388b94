package org.tokenyield.system;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What the servlet container does around the application: its own error pages (a request
 * refused before the application sees it: a malformed request line, a broken escape)
 * carry the site's content policy and no report (no server name, no exception); and a
 * connection whose request body the application refused is closed after the answer,
 * instead of reading the rest of the body at the client's pace. After Spring Boot's own
 * customizer, whose error report valve this one replaces.
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
		factory.addContextCustomizers(context -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			// the host adds its default (reporting) valve at start unless it finds this
			// class
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(QuietErrorReport.class.getName());
			}
			host.getPipeline().addValve(new QuietErrorReport());
		});
	}

	/** The container's error page: the status only, under the site's content policy. */
	public static final class QuietErrorReport extends ErrorReportValve {

		QuietErrorReport() {
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (response.getStatus() >= 400 && !response.isCommitted()
					&& response.getHeader("Content-Security-Policy") == null) {
				response.setHeader("Content-Security-Policy", ContentSecurityPolicy.PAGES);
				response.setHeader("X-Content-Type-Options", "nosniff");
			}
			super.report(request, response, throwable);
		}

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
