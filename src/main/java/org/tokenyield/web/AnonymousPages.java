package org.tokenyield.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.analytics.web.FigureResponses;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Figure pages for anonymous readers, rendered once per figure version and served from
 * the figure cache like the figures themselves (docs/pages.md "Pages from the figure
 * cache"): the same for every reader at one as_of and one set of parameters, so the
 * cached bytes hold no reader's state. A render happens without a request (a background
 * recompute has none): on a detached request with no session, no CSRF token and an
 * anonymous authentication ({@link DetachedExchange}).
 */
@Component
class AnonymousPages {

	/** A page's HTML and the version of the figures it shows. */
	record Rendered(byte[] html, Instant asOf) {
	}

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

	private final FigureCache cache;

	private final SummaryVersionStamper versions;

	private final ThymeleafViewResolver views;

	private final WebApplicationContext context;

	private final SimulatedVisibility visibility;

	private final FigureResponses responses;

	private final ResourceUrlProvider resources;

	private final List<Consumer<List<Object>>> rendered = new CopyOnWriteArrayList<>();

	AnonymousPages(FigureCache cache, SummaryVersionStamper versions, ThymeleafViewResolver views,
			WebApplicationContext context, SimulatedVisibility visibility, FigureResponses responses,
			ResourceUrlProvider resources) {
		this.resources = resources;
		this.cache = cache;
		this.versions = versions;
		this.views = views;
		this.context = context;
		this.visibility = visibility;
		this.responses = responses;
	}

	/**
	 * Whether this request's page is the one every anonymous reader gets: a GET with
	 * neither a signed-in user, nor a token, nor a session (a session may hold a CSRF
	 * token a form would show). Other requests render per request.
	 */
	boolean serves(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && request.getUserPrincipal() == null
				&& request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getSession(false) == null;
	}

	/**
	 * The page {@code view} whose model {@code model} fills, for the parameters
	 * {@code key} (already validated: a bad one never becomes a key).
	 */
	ResponseEntity<byte[]> page(String view, Consumer<Model> model, Object... key) {
		Object[] parts = parts(view, key);
		Rendered page = this.cache.get(() -> render(view, model, parts), parts);
		return body(page);
	}

	/**
	 * Like {@link #page}, for a page that shows the leaderboard's point estimates: it is
	 * recomputed on the leaderboard's lane, right behind its rows.
	 */
	ResponseEntity<byte[]> leaderboardPage(String view, Consumer<Model> model, Object... key) {
		Object[] parts = parts(view, key);
		Rendered page = this.cache.getOnLeaderboardLane(lane -> render(view, model, parts), parts);
		return body(page);
	}

	/**
	 * Told of each render, with the page's key (view first): each page is rendered once
	 * per figure version.
	 */
	void onRendered(Consumer<List<Object>> listener) {
		this.rendered.add(listener);
	}

	private ResponseEntity<byte[]> body(Rendered page) {
		return this.responses.anonymousPage(page.asOf()).contentType(HTML).body(page.html());
	}

	private static Object[] parts(String view, Object... key) {
		Object[] parts = new Object[key.length + 1];
		parts[0] = "page:" + view;
		System.arraycopy(key, 0, parts, 1, key.length);
		return parts;
	}

	private Rendered render(String name, Consumer<Model> fill, Object[] key) {
		// the figures read below are at least this fresh (nested figures are brought up
		// to date first), so the page may say "as of" it
		Instant asOf = this.versions.refreshedAt();
		ExtendedModelMap model = new ExtendedModelMap();
		// what PageModel adds to every page
		model.addAttribute("demoMode", this.visibility.showsSimulated());
		fill.accept(model);
		model.addAttribute("figuresAsOf", asOf);
		SecurityContext before = SecurityContextHolder.getContext();
		SecurityContext anonymous = SecurityContextHolder.createEmptyContext();
		anonymous.setAuthentication(new AnonymousAuthenticationToken("anonymous-page", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		SecurityContextHolder.setContext(anonymous);
		try {
			View view = this.views.resolveViewName(name, Locale.ENGLISH);
			ServletContext servlet = this.context.getServletContext();
			byte[] html = DetachedExchange.render(view, model, servlet, this.context, this.resources);
			List<Object> rendered = Arrays.asList(key);
			this.rendered.forEach(l -> l.accept(rendered));
			return new Rendered(html, asOf);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Rendering page " + name + " failed", ex);
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

}
