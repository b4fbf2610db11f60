package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ApiDocsTest {

  @Test
  void theContractIsServedExactlyAsWritten() throws Exception {
    String source = Files.readString(OpenApiDocumentTest.SOURCE);
    assertThat(new ApiDocs().contract()).isEqualTo(source);
    var served = new OpenApiDocument().document(null, null);
    assertThat(served.getEntity()).isEqualTo(source);
    assertThat(served.getMediaType().toString()).isEqualTo("application/yaml;charset=utf-8");
  }

  @Test
  void asJsonItIsTheSameDocument() throws Exception {
    var served = new OpenApiDocument().document("JSON", null);
    assertThat(served.getMediaType().toString()).isEqualTo("application/json;charset=utf-8");
    assertThat(new ObjectMapper().readTree((String) served.getEntity()))
        .isEqualTo(OpenApiDocumentTest.document());
    assertThat(new OpenApiDocument().document(null, "application/json").getEntity())
        .isEqualTo(served.getEntity());
  }

  @Test
  void yamlUnlessTheClientAsksForJsonAlone() {
    assertThat(OpenApiDocument.wantsJsonOnly(null)).isFalse();
    assertThat(OpenApiDocument.wantsJsonOnly("*/*")).isFalse();
    assertThat(OpenApiDocument.wantsJsonOnly("application/yaml, application/json;q=0.5")).isFalse();
    assertThat(OpenApiDocument.wantsJsonOnly("application/json")).isTrue();
    assertThat(OpenApiDocument.wantsJsonOnly("application/json, */*;q=0.1")).isTrue();
  }
}
