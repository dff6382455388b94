package org.tokenyield.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import org.tokenyield.system.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go: public addresses only. Loopback, private, link-local, unique
 * local, multicast, unspecified and other special-purpose addresses are refused unless
 * the operator allows their network ({@code app.alerts.webhooks.allowed-networks}), so an
 * admin's webhook cannot reach the database, the actuator or the cloud's metadata
 * service. Checked when a webhook is added and again at each delivery, on every address
 * the host resolves to; the delivery connects only to addresses checked (this rule is its
 * HTTP client's DNS resolver, {@link WebhookPost}), so a DNS answer that changes in
 * between reaches nothing else.
 */
@Component
class WebhookTargets {

	/**
	 * Special-purpose blocks (the IANA registries) and the IPv6 forms that embed or
	 * translate an IPv4 address. IPv4-mapped IPv6 addresses need no block: the JDK turns
	 * them into IPv4 addresses, checked as such.
	 */
	static final List<AddressBlock> SPECIAL = List
		.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
				"192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
				"203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64",
				"2001::/23", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
		.stream()
		.map(AddressBlock::parse)
		.toList();

	/** How a host name becomes addresses: the system resolver, or a test's. */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/** A target refused before any connection, with the reason an admin may read. */
	static class RefusedTargetException extends Exception {

		RefusedTargetException(String reason) {
			super(reason);
		}

	}

	private final List<AddressBlock> allowed;

	private final Resolver resolver;

	@Autowired
	WebhookTargets(AlertProperties properties) {
		this(properties.webhooks().allowedNetworks(), InetAddress::getAllByName);
	}

	WebhookTargets(List<String> allowedNetworks, Resolver resolver) {
		this.allowed = allowedNetworks.stream().map(AddressBlock::parse).toList();
		this.resolver = resolver;
	}

	/**
	 * The URL a webhook is stored with, checked: http or https, at most 500 characters, a
	 * host whose every address is allowed. Refusals name the field {@code url}.
	 */
	String checkedUrl(String url) {
		String u = (url == null) ? "" : url.strip();
		URI parsed;
		try {
			parsed = URI.create(u);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("url", "is not a URL");
		}
		if (u.length() > 500 || parsed.getHost() == null
				|| !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
			throw new InvalidInputException("url", "must be an http or https URL of at most 500 characters");
		}
		try {
			addresses(parsed.getHost());
		}
		catch (RefusedTargetException ex) {
			throw new InvalidInputException("url", ex.getMessage());
		}
		return u;
	}

	/**
	 * The addresses a delivery may connect to: the host resolved once, and every address
	 * it resolves to allowed (one special address refuses the host: which one a
	 * connection would pick is not ours to choose).
	 * @param host a name or an address, IPv6 with or without its brackets
	 */
	List<InetAddress> addresses(String host) throws RefusedTargetException {
		if (host == null || host.isEmpty()) {
			throw new RefusedTargetException("must name a host");
		}
		String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(name);
		}
		catch (UnknownHostException ex) {
			throw new RefusedTargetException("names a host that does not resolve");
		}
		if (addresses == null || addresses.length == 0) {
			throw new RefusedTargetException("names a host that does not resolve");
		}
		for (InetAddress address : addresses) {
			if (!allowed(address)) {
				throw new RefusedTargetException(
						"must not point to a loopback, private, link-local or other special address ("
								+ address.getHostAddress()
								+ "); the operator may allow its network (app.alerts.webhooks.allowed-networks)");
			}
		}
		return List.of(addresses);
	}

	boolean allowed(InetAddress address) {
		return this.allowed.stream().anyMatch(b -> b.contains(address))
				|| SPECIAL.stream().noneMatch(b -> b.contains(address));
	}

}
