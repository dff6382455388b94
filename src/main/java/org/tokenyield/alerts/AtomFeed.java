package org.tokenyield.alerts;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes alerts as an Atom 1.0 feed (RFC 4287). The XML writer escapes every text, so
 * model keys and summaries can never break out of their elements.
 */
public final class AtomFeed {

	static final String ATOM = "http://www.w3.org/2005/Atom";

	static final String TAG = "tag:token-yield,2026";

	private AtomFeed() {
	}

	/**
	 * @param base the site's absolute base URL, without trailing slash
	 * @param self the feed's own path
	 * @param title the feed's title
	 * @param startedAt when the feed began (its {@code updated} when it has no entry yet)
	 */
	public static String write(String base, String self, String title, List<Alert> alerts, Instant startedAt) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("feed");
			xml.writeDefaultNamespace(ATOM);
			// ids are tag URIs, not URLs: a feed read through another host name keeps its
			// entries
			text(xml, "id", TAG + ":" + self);
			text(xml, "title", title);
			text(xml, "updated", time(alerts.isEmpty() ? startedAt : alerts.get(0).occurredAt()));
			link(xml, "self", base + self, "application/atom+xml");
			link(xml, "alternate", base + "/", "text/html");
			xml.writeStartElement("author");
			text(xml, "name", "Token Yield");
			xml.writeEndElement();
			for (Alert a : alerts) {
				xml.writeStartElement("entry");
				text(xml, "id", TAG + ":alert:" + a.id());
				text(xml, "title", a.title() + (a.simulated() ? " (simulated)" : ""));
				text(xml, "updated", time(a.occurredAt()));
				text(xml, "published", time(a.occurredAt()));
				link(xml, "alternate", base + "/models/" + a.modelKey(), "text/html");
				xml.writeEmptyElement("category");
				xml.writeAttribute("term", a.kind().apiName());
				if (a.simulated()) {
					xml.writeEmptyElement("category");
					xml.writeAttribute("term", "simulated");
				}
				xml.writeStartElement("summary");
				xml.writeAttribute("type", "text");
				xml.writeCharacters(a.summary());
				xml.writeEndElement();
				xml.writeEndElement();
			}
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Could not write the feed", ex);
		}
		return out.toString();
	}

	private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(value);
		xml.writeEndElement();
	}

	private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
		xml.writeEmptyElement("link");
		xml.writeAttribute("rel", rel);
		xml.writeAttribute("href", href);
		xml.writeAttribute("type", type);
	}

	private static String time(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

}
