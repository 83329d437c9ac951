package nl.baken.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document served at {@code /openapi}: every operation needs a bearer API token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI bakenApi() {
		return new OpenAPI()
			.info(new Info().title("Baken API")
				.version("v1")
				.description("Customer-service platform API. Every request needs 'Authorization: Bearer <token>' "
						+ "with the scopes the operation names; errors are RFC 9457 problem details.")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("apiToken",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("apiToken"));
	}
}
