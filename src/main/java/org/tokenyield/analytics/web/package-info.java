/**
 * How figures leave the server: the figure API, and the headers (as_of, ETag,
 * Cache-Control) of figures and of the pages built from them
 * ({@link org.tokenyield.analytics.web.FigureResponses}).
 */
@org.springframework.modulith.NamedInterface("web")
package org.tokenyield.analytics.web;
