package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc). It is public on purpose: it describes
 * shapes, holds no data, and an operator's tools can read it without the token. Every admin
 * operation requires {@link #BEARER}.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "PeerLoop admin API",
            version = "v1",
            description =
                "Partnerships, invite codes and member import. Every operation needs"
                    + " Authorization: Bearer <PEERLOOP_ADMIN_TOKEN>; errors are"
                    + " {\"error\": \"...\"}. See docs/API.md."))
@SecurityScheme(name = OpenApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer")
class OpenApiDocument {

  static final String BEARER = "adminToken";
}
