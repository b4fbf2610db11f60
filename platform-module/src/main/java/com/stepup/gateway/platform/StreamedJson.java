package com.stepup.gateway.platform;

import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A JSON answer written by a {@link JsonGenerator} straight to the response, without building a
 * {@code JsonObject} tree and a {@code String} of it first (issue 31). Its {@link #toString()} is
 * the same text, kept once made: the idempotency filter stores an answer by its entity's text, and
 * the bytes a replay sends are then the ones the first answer wrote.
 */
public final class StreamedJson implements StreamingOutput {

  private final Consumer<JsonGenerator> body;
  private String text;

  /** {@code body} writes one JSON value (an object, usually) with the generator it is given. */
  public StreamedJson(Consumer<JsonGenerator> body) {
    this.body = body;
  }

  @Override
  public void write(OutputStream out) throws IOException {
    if (text != null) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      return;
    }
    // closing the generator returns its buffer to the pool; the response's stream stays open and
    // unflushed, so Jersey still buffers a short answer and sends its Content-Length
    try (JsonGenerator json = Json.createGenerator(new KeptOpen(out))) {
      body.accept(json);
    }
  }

  @Override
  public String toString() {
    if (text == null) {
      StringWriter out = new StringWriter();
      try (JsonGenerator json = Json.createGenerator(out)) {
        body.accept(json);
      }
      text = out.toString();
    }
    return text;
  }

  /** The response's stream, left as it is when the generator closes (it has written everything). */
  private static final class KeptOpen extends FilterOutputStream {
    KeptOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() {}
  }
}
