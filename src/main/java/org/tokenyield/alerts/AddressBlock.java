package org.tokenyield.alerts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}; a
 * single address without {@code /n}).
 *
 * @param network the block's first address
 * @param bits the length of its prefix
 */
record AddressBlock(InetAddress network, int bits) {

	/**
	 * Only literals (dotted IPv4, or IPv6 with its colons): a name here would be looked
	 * up in the DNS.
	 */
	private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

	static AddressBlock parse(String cidr) {
		String text = cidr.strip();
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		if (!LITERAL.matcher(address).matches()) {
			throw new IllegalArgumentException("not an IP network: " + cidr);
		}
		InetAddress network;
		try {
			network = InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an IP network: " + cidr, ex);
		}
		int max = network.getAddress().length * 8;
		int bits;
		try {
			bits = (slash < 0) ? max : Integer.parseInt(text.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not an IP network: " + cidr, ex);
		}
		if (bits < 0 || bits > max) {
			throw new IllegalArgumentException("prefix length out of range: " + cidr);
		}
		return new AddressBlock(network, bits);
	}

	boolean contains(InetAddress address) {
		byte[] a = address.getAddress();
		byte[] n = this.network.getAddress();
		if (a.length != n.length) {
			return false;
		}
		for (int bit = 0; bit < this.bits; bit++) {
			int mask = 0x80 >>> (bit % 8);
			if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return this.network.getHostAddress() + "/" + this.bits;
	}

}
