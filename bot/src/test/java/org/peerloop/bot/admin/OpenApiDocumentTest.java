package org.peerloop.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code /v3/api-docs} is public and describes every admin path with the bearer scheme. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.admin-token=" + AdminClient.TOKEN})
class OpenApiDocumentTest {

  @LocalServerPort int port;

  @Test
  void theDocumentListsTheAdminPathsWithBearerSecurity() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = AdminClient.JSON.readTree(r.body());
    JsonNode paths = doc.get("paths");
    assertThat(paths.has("/api/v1/partnerships")).isTrue();
    assertThat(paths.get("/api/v1/partnerships").has("post")).isTrue();
    assertThat(paths.get("/api/v1/partnerships/{slug}").has("get")).isTrue();
    assertThat(paths.get("/api/v1/partnerships/{slug}").has("patch")).isTrue();
    assertThat(paths.get("/api/v1/partnerships/{slug}/ladder").has("put")).isTrue();
    assertThat(paths.get("/api/v1/partnerships/{slug}/invites").has("post")).isTrue();
    assertThat(paths.get("/api/v1/partnerships/{slug}/members/import").has("post")).isTrue();
    assertThat(paths.get("/api/v1/partnerships/{slug}/members").has("get")).isTrue();
    assertThat(paths.has("/api/v1/sim/{user}/messages")).isFalse();

    JsonNode scheme = doc.get("components").get("securitySchemes").get(OpenApiDocument.BEARER);
    assertThat(scheme.get("type").asString()).isEqualTo("http");
    assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
    JsonNode create = paths.get("/api/v1/partnerships").get("post");
    assertThat(create.get("security").toString()).contains(OpenApiDocument.BEARER);
    JsonNode importBody =
        paths.get("/api/v1/partnerships/{slug}/members/import").get("post").get("requestBody");
    assertThat(importBody.get("content").has("text/csv")).isTrue();
  }
}
