package org.peerloop.bot.admin;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc). It is public on purpose: it describes
 * shapes, holds no data, and an operator's tools can read it without the token. Every admin
 * operation requires {@link #BEARER}; the refusals every operation shares (401, and 400 and 404
 * where they can happen) are added here rather than repeated on each method.
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
  private static final String ERROR = "ErrorBody";

  @Bean
  OpenApiCustomizer errorSchema() {
    return api ->
        api.getComponents()
            .addSchemas(
                ERROR,
                ModelConverters.getInstance().readAllAsResolvedSchema(ErrorBody.class).schema);
  }

  @Bean
  OperationCustomizer sharedRefusals() {
    return (operation, handler) -> {
      if (!handler.getBeanType().getPackageName().equals(OpenApiDocument.class.getPackageName())) {
        return operation;
      }
      ApiResponses responses = operation.getResponses();
      boolean hasBody =
          Arrays.stream(handler.getMethodParameters())
                  .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class))
              || operation.getRequestBody() != null;
      boolean hasSlug =
          Arrays.stream(handler.getMethodParameters())
              .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
      if (hasBody) {
        responses.putIfAbsent("400", error("bad input: what to fix"));
      }
      responses.putIfAbsent("401", error("no or wrong bearer token, or no token configured"));
      if (hasSlug) {
        responses.putIfAbsent("404", error("no such partnership"));
      }
      return operation;
    };
  }

  static ApiResponse error(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    "application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR))));
  }
}
