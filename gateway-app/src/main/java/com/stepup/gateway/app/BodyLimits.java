package com.stepup.gateway.app;

import com.stepup.gateway.platform.ApiProblem;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
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
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Every request body is bounded before anything reads it, one mechanism for all paths: a declared
 * {@code Content-Length} over the path's limit is {@code 413} at once; any other body is read here,
 * at most the limit and within {@code gateway.http.body-read-ms}, and handed on from memory. A body
 * already all there is read at once; any other is read as it arrives with a {@link ReadListener}
 * (no thread waits for it) and handed on by an async dispatch, or cut off with {@code 408} at the
 * deadline, whatever the client does (one log line, never a stack trace). So no request, however
 * large, slow or stalled, can exhaust the heap or hold a worker thread (ADR 0025). Limits: Klarna's
 * webhooks 1 MB (Klarna's own limit), the JSON APIs 256 KiB, everything else (console forms, login)
 * 64 KiB. Mapped in {@code web.xml}, after {@link BrowserGuard}, before everything else.
 */
public class BodyLimits extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(BodyLimits.class.getName());

  static final int WEBHOOK_LIMIT = 1024 * 1024;
  static final int API_LIMIT = 256 * 1024;
  static final int OTHER_LIMIT = 64 * 1024;

  /** A dispute attachment: Klarna's 7 MiB file and the form around it. */
  static final int UPLOAD_LIMIT = 7 * 1024 * 1024 + 64 * 1024;

  static final java.util.regex.Pattern UPLOADS =
      java.util.regex.Pattern.compile("/(api/v1/disputes|console/disputes-data)/[^/]+/attachments");

  /** How long a body may take to arrive ({@code gateway.http.body-read-ms}, default 10 s). */
  long readDeadlineMs = 10_000;

  @Override
  public void init() {
    readDeadlineMs =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("gateway.http.body-read-ms", Long.class)
            .orElse(10_000L);
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
    if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC
        && request.getAttribute(BODY) instanceof byte[] body
        && request.getAttribute(CONTINUATION) instanceof Continuation continuation) {
      // the second half of a body read without a thread: the chain again, now with the body
      request.removeAttribute(BODY);
      request.removeAttribute(CONTINUATION);
      continuation.proceed(chain, request, response, body);
      return;
    }
    long declared = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    int limit = limitFor(path);
    if (declared > limit) {
      if (declared <= DRAIN_LIMIT && request.isAsyncSupported()) {
        // read and dropped without a thread, then the 413 (see DRAIN_LIMIT)
        readWithoutAThread(request, response, chain, path, limit, true);
      } else {
        tooLarge(request, response, limit);
      }
      return;
    }
    ServletInputStream in = request.getInputStream();
    if (request.isAsyncSupported() && (declared <= 0 || in.available() < declared)) {
      // not all there yet: read as it arrives, holding no thread, and answer 408 at the deadline
      // whatever the client does (a blocking read would wait for the container's own time-out)
      readWithoutAThread(request, response, chain, path, limit, false);
      return;
    }
    byte[] body;
    try {
      body = read(in, limit, readDeadlineMs);
    } catch (SlowBody e) {
      LOG.warning(() -> "Request body to " + path + " cut off: " + e.getMessage());
      response.setHeader("Connection", "close");
      answer(request, response, 408, "Request timeout", "The body did not arrive in time.");
      return;
    }
    if (body.length > limit) {
      tooLarge(request, response, limit);
      return;
    }
    chain.doFilter(new Buffered(request, body), response);
  }

  /** Fires the deadlines of bodies read without a thread; one daemon thread for all. */
  private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "body-read-deadlines");
            t.setDaemon(true);
            return t;
          });

  @jakarta.inject.Inject
  jakarta.enterprise.inject.Instance<jakarta.enterprise.context.control.RequestContextController>
      requestContexts;

  /**
   * Carries the request thread's context (class loader, naming, the caller's security context) to
   * the callback that runs the rest of the chain: Jakarta Security reads the caller from the
   * thread.
   */
  @jakarta.annotation.Resource jakarta.enterprise.concurrent.ContextService contextService;

  static final String BODY = BodyLimits.class.getName() + ".body";
  static final String CONTINUATION = BodyLimits.class.getName() + ".continuation";

  /** The rest of the chain for a body that has arrived; run within the request's context. */
  public interface Continuation {
    void proceed(
        FilterChain chain, HttpServletRequest request, HttpServletResponse response, byte[] body)
        throws IOException, ServletException;
  }

  /**
   * The chain with the body from memory, in CDI's request scope: Payara runs an async dispatch with
   * none active (and it is what console controllers and the partner API's caller live in).
   */
  private void proceed(
      FilterChain chain, HttpServletRequest request, HttpServletResponse response, byte[] body)
      throws IOException, ServletException {
    var contexts = requestContexts.get();
    boolean activated = contexts.activate();
    try {
      chain.doFilter(new Buffered(request, body), response);
    } finally {
      if (activated) {
        contexts.deactivate();
      }
      requestContexts.destroy(contexts);
    }
  }

  private void readWithoutAThread(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String path,
      int limit,
      boolean tooLarge)
      throws IOException {
    AsyncContext async = request.startAsync();
    // the deadline is ours (below): a container time-out could also fire while the request runs
    async.setTimeout(0);
    ArrivingBody body = new ArrivingBody(async, request, response, chain, path, limit, tooLarge);
    // captured here, on the request's thread: the dispatch runs on another, without the caller's
    // security context, which Jakarta Security reads from the thread
    Continuation next = this::proceed;
    request.setAttribute(
        CONTINUATION,
        contextService == null
            ? next
            : contextService.createContextualProxy(next, Continuation.class));
    async.addListener(body);
    body.deadline =
        DEADLINES.schedule(
            body::deadlinePassed, readDeadlineMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    request.getInputStream().setReadListener(body);
  }

  /**
   * A body read as its bytes arrive, on the container's callbacks: no thread waits for it. All
   * there: an async dispatch runs the chain again with the body from memory, within the request
   * thread's context and CDI's request scope ({@link Continuation}); the chain itself cannot be
   * kept for later (Payara recycles it when the first pass returns). Over the limit: read and
   * dropped up to {@link #DRAIN_LIMIT}, then {@code 413}. Not there at the deadline: {@code 408},
   * one log line. The client gone: nothing.
   */
  private final class ArrivingBody implements ReadListener, AsyncListener {
    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final FilterChain chain;
    private final String path;
    private final int limit;
    private final ByteArrayOutputStream kept;
    private final byte[] chunk = new byte[8192];
    private final java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean tooLarge;
    private volatile long received;
    volatile java.util.concurrent.ScheduledFuture<?> deadline;

    ArrivingBody(
        AsyncContext async,
        HttpServletRequest request,
        HttpServletResponse response,
        FilterChain chain,
        String path,
        int limit,
        boolean tooLarge) {
      this.async = async;
      this.request = request;
      this.response = response;
      this.chain = chain;
      this.path = path;
      this.limit = limit;
      this.tooLarge = tooLarge;
      this.kept = new ByteArrayOutputStream(tooLarge ? 0 : Math.min(limit, 16 * 1024));
    }

    @Override
    public void onDataAvailable() throws IOException {
      ServletInputStream in = request.getInputStream();
      while (!done.get() && in.isReady()) {
        int n = in.read(chunk);
        if (n < 0) {
          return; // onAllDataRead follows
        }
        received += n;
        if (!tooLarge) {
          kept.write(chunk, 0, n);
          tooLarge = kept.size() > limit;
        }
        if (tooLarge && received >= DRAIN_LIMIT) {
          refuse(413);
          return;
        }
      }
    }

    @Override
    public void onAllDataRead() throws IOException {
      if (tooLarge) {
        refuse(413);
      } else if (done.compareAndSet(false, true)) {
        stopClock();
        request.setAttribute(BODY, kept.toByteArray());
        async.dispatch(); // the chain again (BodyLimits is mapped for ASYNC too), then complete
      }
    }

    private void stopClock() {
      var d = deadline;
      if (d != null) {
        d.cancel(false);
      }
    }

    private void complete() {
      try {
        async.complete();
      } catch (IllegalStateException over) {
        // already completed by the container
      }
    }

    /** The deadline passed: a body still arriving is cut off with 408 (413 if over the limit). */
    void deadlinePassed() {
      try {
        onTimeout(null);
      } catch (IOException | RuntimeException e) {
        LOG.fine(() -> "Answer to " + path + " at its deadline not sent: " + e);
      }
    }

    @Override
    public void onError(Throwable error) {
      if (done.compareAndSet(false, true)) {
        stopClock();
        LOG.fine(() -> "Request body to " + path + " not read: the client went away");
        complete();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
      if (tooLarge) {
        refuse(413);
        return;
      }
      if (done.get()) {
        return;
      }
      LOG.warning(
          () ->
              "Request body to "
                  + path
                  + " cut off: "
                  + received
                  + " bytes in "
                  + readDeadlineMs
                  + " ms");
      refuse(408);
    }

    private void refuse(int status) throws IOException {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      stopClock();
      try {
        // what was not read must not be taken for the next request on this connection
        response.setHeader("Connection", "close");
        if (status == 413) {
          tooLarge(request, response, limit);
        } else {
          answer(request, response, 408, "Request timeout", "The body did not arrive in time.");
        }
      } catch (IOException | IllegalStateException gone) {
        LOG.fine(() -> "Answer to " + path + " not sent: the client went away");
      } finally {
        complete();
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {
      onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
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

  private static void tooLarge(HttpServletRequest request, HttpServletResponse response, int limit)
      throws IOException {
    LOG.warning(
        () ->
            "Request body to "
                + request.getRequestURI()
                + " refused: over "
                + limit / 1024
                + " KiB");
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
              encoding == null
                  ? StandardCharsets.UTF_8
                  : java.nio.charset.Charset.forName(encoding)));
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
        String[] values =
            old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
        values[values.length - 1] = value;
        into.put(name, values);
      }
    }
  }
}
