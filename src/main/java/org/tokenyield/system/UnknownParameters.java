package org.tokenyield.system;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's one rule for query parameters: one an operation does not take is refused with
 * 400 naming it, so that a misspelt filter ({@code catgory=math}) never answers the
 * unfiltered figure as if it were filtered. An operation takes its
 * {@code @RequestParam}s, the components of a record it binds from the query (by their
 * {@code @BindParam} names), and {@code format} where it answers CSV. docs/api.md and the
 * OpenAPI description say so.
 */
@Configuration(proxyBeanMethods = false)
class UnknownParameters implements WebMvcConfigurer, HandlerInterceptor {

	private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method) || request.getQueryString() == null) {
			return true;
		}
		Set<String> names = this.known.computeIfAbsent(method, UnknownParameters::namesOf);
		for (String name : Collections.list(request.getParameterNames())) {
			if (!names.contains(name) && request.getQueryString().contains(name)) {
				throw new InvalidInputException(name, "is not a parameter of this operation; it takes " + names);
			}
		}
		return true;
	}

	static Set<String> namesOf(HandlerMethod method) {
		Set<String> names = new TreeSet<>();
		for (MethodParameter parameter : method.getMethodParameters()) {
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				names.add(!param.name().isEmpty() ? param.name() : String.valueOf(parameter.getParameterName()));
			}
			else if (parameter.getParameterType().isRecord() && !parameter.hasParameterAnnotation(RequestBody.class)
					&& !parameter.hasParameterAnnotation(PathVariable.class)
					&& !parameter.hasParameterAnnotation(RequestHeader.class)) {
				var components = parameter.getParameterType().getRecordComponents();
				var canonical = BeanUtils.getResolvableConstructor(parameter.getParameterType()).getParameters();
				for (int i = 0; i < components.length; i++) {
					// @BindParam lands on the canonical constructor's parameter
					BindParam bound = canonical[i].getAnnotation(BindParam.class);
					names.add(bound != null ? bound.value() : components[i].getName());
				}
			}
		}
		if (answersCsv(method)) {
			names.add("format");
		}
		return names;
	}

	/** Whether the operation answers CSV too, chosen by {@code format} or Accept. */
	static boolean answersCsv(HandlerMethod method) {
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
		List<String> produces = mapping == null ? List.of() : Arrays.asList(mapping.produces());
		return produces.contains(Csv.MEDIA_TYPE);
	}

}
