package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcUrlDataSourceTest {

  @Test
  void theUrlChoosesTheDriver() throws SQLException {
    assertThat(JdbcUrlDataSource.driverFor("jdbc:h2:mem:x")).isInstanceOf(org.h2.Driver.class);
    assertThat(JdbcUrlDataSource.driverFor("jdbc:postgresql://127.0.0.1:5432/gateway"))
        .isInstanceOf(org.postgresql.Driver.class);
  }

  @Test
  void anUnsupportedOrMissingUrlIsAClearError() {
    assertThatThrownBy(() -> JdbcUrlDataSource.driverFor("jdbc:mysql://db/gateway"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("jdbc:h2:")
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> JdbcUrlDataSource.driverFor(" "))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("gateway.db.url is not set");
  }

  @Test
  void connectsToH2WithTheGivenCredentials() throws SQLException {
    try (var c = JdbcUrlDataSource.connect("jdbc:h2:mem:ds-test", "sa", "secret")) {
      assertThat(c.isValid(1)).isTrue();
    }
  }
}
