package org.tokenyield.system;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What JSON this application reads at most, whoever sends it (API bodies, import lines,
 * provider replies): strings of 4 million characters, documents of 32 MB, 200 levels,
 * numbers of 200 digits. The application's mapper (API bodies, import lines) also refuses
 * a key given twice in one object, and strings with NUL (which PostgreSQL cannot store)
 * or half of a surrogate pair (which no UTF-8 text can hold): each reader would otherwise
 * make its own guess of what was meant.
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
	JsonMapperBuilderCustomizer oneMeaningPerDocument() {
		SimpleModule module = new SimpleModule("text-strings");
		module.addDeserializer(String.class, new TextStrings());
		return builder -> builder.addModule(module).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * Strings that are text: no NUL, no lone surrogate. The refusal names the field (by
	 * its path), never the value, which may be a password.
	 */
	static final class TextStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) {
			String value = super.deserialize(p, ctxt);
			if (value == null) {
				return null;
			}
			if (value.indexOf('\u0000') >= 0) {
				throw MismatchedInputException.from(p, String.class, "must not contain NUL characters");
			}
			if (hasLoneSurrogate(value)) {
				throw MismatchedInputException.from(p, String.class,
						"must not contain half of a surrogate pair (an invalid character)");
			}
			return value;
		}

		static boolean hasLoneSurrogate(String value) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					return true;
				}
			}
			return false;
		}

	}

}
