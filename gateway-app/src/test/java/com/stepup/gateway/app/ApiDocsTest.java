package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ApiDocsTest {

  @Test
  void theContractIsServedExactlyAsWritten() throws Exception {
    assertThat(new ApiDocs().contract()).isEqualTo(Files.readString(OpenApiDocumentTest.SOURCE));
  }
}
