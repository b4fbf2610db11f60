package com.stepup.gateway.klarna.internal;

import com.stepup.gateway.klarna.KlarnaException;
import com.stepup.gateway.klarna.KlarnaWire;
import com.stepup.gateway.platform.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The connections to Klarna: a bounded pool of kept-alive HTTP/1.1 connections (Apache HttpClient
 * 5, classic and blocking), made once, with the {@link KlarnaTls} context, the time-outs and the
 * headers every call carries. A call borrows a connection, sends, reads the whole answer and gives
 * the connection back; nothing is set up per call.
 *
 * <p>Nothing is ever sent twice here: automatic retries are off, so a request written on a kept-
 * alive connection that the server had closed fails (no answer, outcome unknown) instead of being
 * repeated behind the caller's back; whether to ask again is {@link KlarnaHttp}'s decision, and
 * never for a cancel. A connection idle longer than {@link #VALIDATE_AFTER_IDLE} is checked before
 * it is used again, and one idle longer than {@code keep-alive} (or than the server's {@code
 * Keep-Alive: timeout}) is closed instead.
 *
 * <p>The TLS handshake of a new connection runs on the calling thread, so {@link
 * RecordingKeyManager} still sees what the server asked of this call.
 */
final class KlarnaConnections implements AutoCloseable {

  private static final String JSON = "application/json";

  /** Parsed once: parsing a content type per call showed in the create's profile. */
  private static final ContentType JSON_TYPE = ContentType.parse(JSON);

  /** A pooled connection idle for longer than this is checked for a close before it is reused. */
  static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);

  /** What {@code klarna.*} says about the connections. */
  record Settings(
      String baseUrl,
      String apiKey,
      String integrationMetadata,
      SSLContext sslContext,
      Duration connectTimeout,
      Duration readTimeout,
      int maxConnections,
      Duration keepAlive) {}

  /** One answer: its status, the two headers the client reads, and the body. */
  record Answer(int status, String retryAfter, String correlationId, byte[] body) {}

  private final String base;
  private final String authorization;
  private final String integrationMetadata;
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;

  KlarnaConnections(Settings settings) {
    this.base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
    URI.create(base); // a malformed klarna.base-url fails here, at start
    this.authorization = "Basic " + settings.apiKey();
    this.integrationMetadata = settings.integrationMetadata();
    this.pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setSSLSocketFactory(
                new JdkHostnameCheck(
                    settings.sslContext() != null
                        ? settings.sslContext()
                        : SSLContexts.createDefault()))
            .setMaxConnTotal(settings.maxConnections())
            .setMaxConnPerRoute(settings.maxConnections())
            .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
            .setDefaultSocketConfig(
                SocketConfig.custom()
                    .setSoTimeout(Timeout.ofMilliseconds(settings.readTimeout().toMillis()))
                    .setTcpNoDelay(true)
                    .build())
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent("stepup-gateway")
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeout().toMillis()))
                    .setResponseTimeout(Timeout.ofMilliseconds(settings.readTimeout().toMillis()))
                    // waiting for a free connection is bounded too: nothing is sent meanwhile
                    .setConnectionRequestTimeout(
                        Timeout.ofMilliseconds(settings.connectTimeout().toMillis()))
                    .setConnectionKeepAlive(
                        TimeValue.ofMilliseconds(settings.keepAlive().toMillis()))
                    .setExpectContinueEnabled(false)
                    .setRedirectsEnabled(false)
                    .build())
            .build();
  }

  /**
   * Sends one request and answers Klarna's JSON; null for an answer without a body. {@code headers}
   * with a null or blank value are not sent (Klarna reads a present token header as a token,
   * whatever its value).
   *
   * @throws KlarnaException for Klarna's error answers (4xx and 5xx)
   * @throws UncheckedIOException when no complete answer came (time-out, refused, closed, not JSON)
   */
  JsonObject send(String method, String path, Map<String, String> headers, Body body) {
    Answer answer = succeeded(exchange(method, path, headers, body));
    if (answer.body().length == 0) {
      return null;
    }
    try (var reader = Json.createReader(new ByteArrayInputStream(answer.body()))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException notJson) {
      throw new UncheckedIOException(
          new IOException("Klarna's answer (HTTP " + answer.status() + ") is not JSON", notJson));
    }
  }

  /**
   * Sends one request whose answer the caller does not read (a delete): any 2xx is done, with a
   * body or without one, whatever it holds (Klarna may answer 200 and a JSON body where it
   * documents 204). The body is still read whole, so the connection goes back to the pool.
   *
   * @throws KlarnaException for Klarna's error answers (4xx and 5xx)
   * @throws UncheckedIOException when no complete answer came
   */
  void sendIgnoringAnswer(String method, String path, Map<String, String> headers, Body body) {
    succeeded(exchange(method, path, headers, body));
  }

  /** {@code answer} when it is a 2xx; Klarna's error for a 4xx or 5xx; otherwise no result. */
  private static Answer succeeded(Answer answer) {
    if (answer.status() >= 400) {
      String raw = new String(answer.body(), StandardCharsets.UTF_8);
      KlarnaException e = KlarnaErrors.parse(answer.status(), raw, answer.correlationId());
      KlarnaErrors.retryAfter(answer.retryAfter(), Instant.now()).ifPresent(e::withRetryAfter);
      throw e;
    }
    if (answer.status() < 200 || answer.status() >= 300) {
      throw new UncheckedIOException(
          new IOException("Klarna answered HTTP " + answer.status() + ", not a result"));
    }
    return answer;
  }

  /** A request body and its type. */
  record Body(byte[] bytes, String contentType) {

    static Body json(JsonObject json) {
      return new Body(json.toString().getBytes(StandardCharsets.UTF_8), JSON);
    }
  }

  Answer exchange(String method, String path, Map<String, String> headers, Body body) {
    HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(base + path));
    request.setHeader("Accept", "application/json");
    request.setHeader("Authorization", authorization);
    request.setHeader(KlarnaWire.INTEGRATION_METADATA, integrationMetadata);
    headers.forEach(
        (name, value) -> {
          if (value != null && !value.isBlank()) {
            request.setHeader(name, value);
          }
        });
    if (body != null) {
      request.setEntity(
          new ByteArrayEntity(
              body.bytes(),
              JSON.equals(body.contentType()) ? JSON_TYPE : ContentType.parse(body.contentType()),
              false));
    }
    try {
      return client.execute(
          request,
          response ->
              new Answer(
                  response.getCode(),
                  value(response, "Retry-After"),
                  value(response, "Klarna-Correlation-Id"),
                  bytes(response)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String value(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  private static byte[] bytes(ClassicHttpResponse response) throws IOException {
    return response.getEntity() == null
        ? new byte[0]
        : EntityUtils.toByteArray(response.getEntity());
  }

  /** The pool now: connections lent out, idle, and calls waiting for one. */
  PoolStats stats() {
    return pool.getTotalStats();
  }

  /** Closes idle connections now (a test's way to age the pool). */
  void closeIdle() {
    pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // closing: nothing left to do
    }
  }

  /**
   * The JDK checks that the server's certificate names the host, in the handshake, as
   * HttpsURLConnection does (so a wrong certificate is a {@code CertificateException} that {@link
   * KlarnaTlsFailures} explains); HttpClient's own check runs after it.
   */
  private static final class JdkHostnameCheck extends SSLConnectionSocketFactory {

    JdkHostnameCheck(SSLContext context) {
      super(context);
    }

    @Override
    protected void prepareSocket(SSLSocket socket) {
      SSLParameters p = socket.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(p);
    }
  }
}
