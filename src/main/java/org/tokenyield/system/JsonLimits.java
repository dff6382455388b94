package org.tokenyield.system;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What JSON this application reads at most, whoever sends it (API bodies, import lines,
 * provider replies): strings of 4 million characters, documents of 32 MB, 200 levels,
 * numbers of 200 digits. And no JSON string may carry NUL, which PostgreSQL cannot store.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

	static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
		.maxStringLength(4_000_000)
		.maxDocumentLength(32L * 1024 * 1024)
		.maxNestingDepth(200)
		.maxNumberLength(200)
		.build();

	/** Before any mapper is built: factories take the defaults when they are created. */
	@Bean
	static BeanFactoryPostProcessor jsonReadLimits() {
		return beanFactory -> StreamReadConstraints.overrideDefaultStreamReadConstraints(LIMITS);
	}

	@Bean
	JsonMapperBuilderCustomizer noNulInStrings() {
		SimpleModule module = new SimpleModule("no-nul-strings");
		module.addDeserializer(String.class, new NoNulStrings());
		return builder -> builder.addModule(module);
	}

	static final class NoNulStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) {
			String value = super.deserialize(p, ctxt);
			if (value != null && value.indexOf('\u0000') >= 0) {
				return (String) ctxt.handleWeirdStringValue(String.class, value, "must not contain NUL characters");
			}
			return value;
		}

	}

}
