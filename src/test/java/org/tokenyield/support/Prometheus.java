package org.tokenyield.support;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads samples out of a Prometheus scrape (/actuator/prometheus, text format). */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The value of the one sample of {@code name} whose labels contain all of
	 * {@code labels}.
	 */
	public static double value(String scrape, String name, String... labels) {
		List<String> lines = Arrays.stream(scrape.split("\n"))
			.filter(line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
			.toList();
		assertThat(lines).as(name + " " + List.of(labels) + " in the scrape").hasSize(1);
		String line = lines.get(0);
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

}
