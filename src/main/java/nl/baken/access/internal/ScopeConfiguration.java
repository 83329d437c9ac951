package nl.baken.access.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ScopeConfiguration implements WebMvcConfigurer {

	private final ScopeInterceptor scopes;

	ScopeConfiguration(ScopeInterceptor scopes) {
		this.scopes = scopes;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(scopes).addPathPatterns("/api/**");
	}
}
