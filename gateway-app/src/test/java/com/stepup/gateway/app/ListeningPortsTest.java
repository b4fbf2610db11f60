package com.stepup.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListeningPortsTest {

  @Test
  void listeningTcpAndUnconnectedUdpSocketsAreFoundByInode() {
    String tcp =
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1 0 100 0 0 10 0
           1: 00000000:1AF4 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 222 1 0 100 0 0 10 0
           2: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 333 1 0 100 0 0 10 0
        """;
    assertThat(ListeningPorts.parse("tcp", tcp))
        .containsOnlyKeys(111L, 222L)
        .containsEntry(111L, new ListeningPorts.Listener("tcp", 8080))
        .containsEntry(222L, new ListeningPorts.Listener("tcp", 6900));
    String udp =
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
           5: 00000000:D377 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 444 2 0 0
           6: 0100007F:9C40 0100007F:0035 01 00000000:00000000 00:00000000 00000000  1000        0 555 2 0 0
        """;
    assertThat(ListeningPorts.parse("udp", udp))
        .containsOnlyKeys(444L)
        .containsEntry(444L, new ListeningPorts.Listener("udp", 54135));
  }
}
