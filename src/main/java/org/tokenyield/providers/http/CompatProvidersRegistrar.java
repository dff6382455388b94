package org.tokenyield.providers.http;

import java.util.Map;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.client.RestClient;
import org.tokenyield.providers.compat.OpenAiCompatibleProvider;

/**
 * One {@link OpenAiCompatibleProvider} bean per {@code app.providers.compat.<name>}: bean
 * definitions must exist before properties beans do, so the names are read from the
 * environment here and each endpoint is taken from {@link ProviderProperties} when
 * created.
 */
class CompatProvidersRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	static final String BEAN_NAME_PREFIX = "openAiCompatibleProvider.";

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, ProviderProperties.Endpoint> endpoints = Binder.get(this.environment)
			.bind("app.providers.compat", Bindable.mapOf(String.class, ProviderProperties.Endpoint.class))
			.orElse(Map.of());
		for (String name : endpoints.keySet()) {
			if (ProviderProperties.RESERVED_NAMES.contains(name)) {
				throw new IllegalStateException(
						"app.providers.compat." + name + ": the name belongs to a built-in provider; choose another");
			}
			RootBeanDefinition definition = new RootBeanDefinition(OpenAiCompatibleProvider.class);
			definition.setInstanceSupplier(() -> create(name));
			registry.registerBeanDefinition(BEAN_NAME_PREFIX + name, definition);
		}
	}

	private OpenAiCompatibleProvider create(String name) {
		ProviderProperties properties = this.beanFactory.getBean(ProviderProperties.class);
		ProviderProperties.Endpoint endpoint = properties.compat().get(name);
		RestClient.Builder builder = this.beanFactory.getBeanProvider(RestClient.Builder.class)
			.getIfAvailable(RestClient::builder);
		return new OpenAiCompatibleProvider(name, endpoint == null ? ProviderProperties.Endpoint.empty() : endpoint,
				builder);
	}

}
