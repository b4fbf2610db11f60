package com.stepup.gateway.app;

import com.stepup.gateway.platform.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every request body is bounded before anything reads it, one mechanism for all paths: a declared
 * {@code Content-Length} over the path's limit is {@code 413} at once; any other body is read here,
 * at most the limit and within {@code gateway.http.body-read-ms} (a body that trickles is cut off
 * with {@code 408}), and handed on from memory. So no request, however large or slow, can exhaust
 * the heap or hold a worker thread for long.
 *
 * <p>A body already all there is read at once. One that is not may hold a thread while it arrives,
 * so at most {@code gateway.http.slow-bodies} (64 of the listener's 200 threads) wait for bodies at
 * once; past that a request waits 200 ms for a place and is then {@code 503} with {@code
 * Retry-After}, and the rest of the server (health included) keeps its threads. A read that stalls
 * ends at the listener's read time-out ({@code config/payara/preboot.asadmin}: 10 s instead of
 * Grizzly's 30 s) or at the deadline, whichever comes first: {@code 408}, one log line, never a
 * stack trace or a {@code 500} (ADR 0025). A {@code ReadListener} that holds no thread at all was
 * tried: Payara recycles the filter chain when the first pass returns, and runs an async dispatch
 * without CDI's request scope or the caller's security context. Limits: Klarna's webhooks 1 MB
 * (Klarna's own limit), the JSON APIs 256 KiB, everything else (console forms, login) 64 KiB.
 * Mapped in {@code web.xml}, after {@link BrowserGuard}, before everything else.
 */
public class BodyLimits extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(BodyLimits.class.getName());

  static final int WEBHOOK_LIMIT = 1024 * 1024;
  static final int API_LIMIT = 256 * 1024;
  static final int OTHER_LIMIT = 64 * 1024;

  /** A dispute attachment: Klarna's 7 MiB file and the form around it. */
  static final int UPLOAD_LIMIT = 7 * 1024 * 1024 + 64 * 1024;

  static final Pattern UPLOADS =
      Pattern.compile("/(api/v1/disputes|console/disputes-data)/[^/]+/attachments");

  /** How long a body may take to arrive ({@code gateway.http.body-read-ms}, default 10 s). */
  long readDeadlineMs = 10_000;

  private final AtomicLong busyLogged = new AtomicLong(System.nanoTime() - 20_000_000_000L);

  /** Places for requests whose body is still arriving ({@code gateway.http.slow-bodies}). */
  Semaphore slowBodies = new Semaphore(64);

  @Override
  public void init() {
    var config = ConfigProvider.getConfig();
    readDeadlineMs =
        config.getOptionalValue("gateway.http.body-read-ms", Long.class).orElse(10_000L);
    slowBodies =
        new Semaphore(
            Math.max(
                1, config.getOptionalValue("gateway.http.slow-bodies", Integer.class).orElse(64)));
  }

  /**
   * An over-long body up to this size is read and dropped before the 413: the JDK's HTTP/1.1 client
   * sends the whole body before it reads the answer (JDK-8350451) and would otherwise sit on a full
   * socket buffer until its own time-out. Longer ones get the 413 and the connection closed.
   */
  static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  static int limitFor(String path) {
    if (UPLOADS.matcher(path).matches()) {
      return UPLOAD_LIMIT;
    }
    if (path.startsWith("/webhooks/")) {
      return WEBHOOK_LIMIT;
    }
    return path.startsWith("/api/") ? API_LIMIT : OTHER_LIMIT;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long declared = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    int limit = limitFor(path);
    boolean waits = declared > DRAIN_LIMIT ? false : waitsForBytes(request, declared, chunked);
    if (waits && !slowBodies.tryAcquire()) {
      try {
        if (!slowBodies.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          if (busyLogged.getAndSet(System.nanoTime()) < System.nanoTime() - 10_000_000_000L) {
            // one line per ten seconds at most: anyone can send these
            LOG.warning("Request bodies refused: too many arriving slowly at once (503)");
          }
          response.setHeader("Connection", "close");
          response.setHeader("Retry-After", "1");
          Refusals.write(
              request,
              response,
              503,
              "busy",
              "Service unavailable",
              "Too many request bodies are arriving slowly; try again.");
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try {
      readAndPass(request, response, chain, path, limit, declared);
    } finally {
      if (waits) {
        slowBodies.release();
      }
    }
  }

  /** Whether reading the body may wait for the client: not all of it is here yet. */
  private static boolean waitsForBytes(HttpServletRequest request, long declared, boolean chunked)
      throws IOException {
    return chunked || declared <= 0 || request.getInputStream().available() < declared;
  }

  private void readAndPass(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String path,
      int limit,
      long declared)
      throws IOException, ServletException {
    if (declared > limit) {
      tooLarge(request, response, limit, declared <= DRAIN_LIMIT ? declared : 0, readDeadlineMs);
      return;
    }
    byte[] body;
    try {
      body = read(request.getInputStream(), limit, readDeadlineMs);
    } catch (IOException e) {
      // the deadline, the listener's read time-out, or the client gone: one line, no stack trace
      LOG.warning(
          () ->
              "Request body to "
                  + path
                  + " cut off: "
                  + (e instanceof SlowBody ? e.getMessage() : e.getClass().getSimpleName()));
      response.setHeader("Connection", "close");
      try {
        answer(request, response, 408, "Request timeout", "The body did not arrive in time.");
      } catch (IOException | IllegalStateException gone) {
        // nobody left to tell
      }
      return;
    }
    if (body.length > limit) {
      tooLarge(request, response, limit, DRAIN_LIMIT, readDeadlineMs);
      return;
    }
    chain.doFilter(new Buffered(request, body), response);
  }

  /** Thrown when a body is not all there by its deadline. */
  static final class SlowBody extends IOException {
    SlowBody(String message) {
      super(message);
    }
  }

  /** Up to {@code limit + 1} bytes, so the caller can tell "over the limit" apart. */
  static byte[] read(InputStream in, int limit, long deadlineMs) throws IOException {
    long deadline = System.nanoTime() + deadlineMs * 1_000_000;
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 * 1024));
    byte[] chunk = new byte[8192];
    int n;
    while (out.size() <= limit
        && (n = in.read(chunk, 0, Math.min(chunk.length, limit + 1 - out.size()))) != -1) {
      out.write(chunk, 0, n);
      if (System.nanoTime() > deadline) {
        throw new SlowBody(out.size() + " bytes in " + deadlineMs + " ms");
      }
    }
    return out.toByteArray();
  }

  private static void tooLarge(
      HttpServletRequest request,
      HttpServletResponse response,
      int limit,
      long drain,
      long deadlineMs)
      throws IOException {
    LOG.warning(
        () ->
            "Request body to "
                + request.getRequestURI()
                + " refused: over "
                + limit / 1024
                + " KiB");
    if (drain > 0) {
      drain(request.getInputStream(), drain, deadlineMs);
    }
    // what was not read must not be taken for the next request on this connection
    response.setHeader("Connection", "close");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (UPLOADS.matcher(path).matches()) {
      // a file over Klarna's limit is the partner's bad input, named as such (PRODUCT.md: 400)
      response.setStatus(400);
      response.setContentType(ApiProblem.MEDIA_TYPE);
      response
          .getWriter()
          .write(
              ApiProblem.invalid("file", "is over 7 MB; Klarna takes at most 7 MB per file")
                  .with("request_id", String.valueOf(RequestIds.of(request)))
                  .toJson()
                  .toString());
      return;
    }
    answer(
        request,
        response,
        413,
        "Payload too large",
        "The body may be at most " + limit / 1024 + " KiB.");
  }

  private static void drain(InputStream in, long max, long deadlineMs) {
    byte[] sink = new byte[64 * 1024];
    long left = max;
    long deadline = System.nanoTime() + deadlineMs * 1_000_000;
    try {
      int n;
      while (left > 0
          && System.nanoTime() < deadline
          && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // the sender went away; the answer stands
    }
  }

  private static void answer(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String title,
      String detail)
      throws IOException {
    Refusals.write(
        request, response, status, status == 413 ? "too-large" : "timeout", title, detail);
  }

  /** The request with its body read: served from memory, form fields included. */
  static final class Buffered extends HttpServletRequestWrapper {

    private final byte[] body;
    private Map<String, String[]> parameters;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body has been read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              getInputStream(),
              encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters().get(name);
      return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Collections.unmodifiableMap(parameters());
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters().get(name);
    }

    /** The query's fields, then the form body's (when it is one), as the container would. */
    private synchronized Map<String, String[]> parameters() {
      if (parameters == null) {
        Map<String, String[]> all = new LinkedHashMap<>();
        decode(getQueryString(), all);
        String type = getContentType();
        if (type != null
            && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
          decode(new String(body, StandardCharsets.UTF_8), all);
        }
        parameters = all;
      }
      return parameters;
    }

    static void decode(String form, Map<String, String[]> into) {
      if (form == null || form.isEmpty()) {
        return;
      }
      for (String pair : form.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name;
        String value;
        try {
          name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          continue; // a broken %-escape: the field is left out, as a container would
        }
        String[] old = into.get(name);
        String[] values = old == null ? new String[1] : Arrays.copyOf(old, old.length + 1);
        values[values.length - 1] = value;
        into.put(name, values);
      }
    }
  }
}
