package com.stepup.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The gateway's served OpenAPI document ({@code /openapi}) as a contract every partner and admin
 * answer of the ITs is held to: the operation (method and path) must be documented, its status
 * among the operation's responses, its content type the documented one, and its body valid against
 * the documented schema (closed objects: a field added or renamed in the code and not in the
 * document fails). {@link JsonHttp} checks each answer it gets for an {@code /api/...} path.
 */
final class OpenApiContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile OpenApiContract instance;

  private final JsonNode document;
  private final String location;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          b ->
              b.metaSchema(OpenApi30.getInstance())
                  .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();

  private OpenApiContract(String text) {
    try {
      this.document = JSON.readTree(text);
      Path file =
          Files.createTempFile(Files.createDirectories(Path.of("target")), "openapi-", ".json");
      Files.writeString(file, text);
      this.location = file.toAbsolutePath().toUri().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A contract from a document's JSON text (the unit test's own copy). */
  static OpenApiContract fromText(String json) {
    return new OpenApiContract(json);
  }

  /** The document the gateway at {@code base} serves, fetched once per test JVM. */
  static OpenApiContract of(URL base) {
    if (instance == null) {
      synchronized (OpenApiContract.class) {
        if (instance == null) {
          instance = new OpenApiContract(fetch(base));
        }
      }
    }
    return instance;
  }

  JsonNode document() {
    return document;
  }

  private static String fetch(URL base) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(base.toString()).resolve("/openapi?format=JSON"))
                      .header("Accept", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("GET /openapi answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether answers to {@code path} are held to the contract. */
  static boolean covers(String path) {
    return path.startsWith("/api/") || path.equals("/webhooks/klarna");
  }

  /** Fails when the answer is not what the document says this operation answers. */
  void check(String method, String path, int status, String contentType, String body) {
    String where = method + " " + path + " → " + status;
    Map.Entry<String, JsonNode> operation = operation(method.toLowerCase(Locale.ROOT), path);
    if (operation == null) {
      if (status == 404 || status == 405) {
        return; // no such operation, and the gateway says so
      }
      throw new AssertionError("undocumented operation: " + where);
    }
    JsonNode responses = operation.getValue().path("responses");
    String code = String.valueOf(status);
    if (!responses.has(code)) {
      throw new AssertionError("undocumented status: " + where + " " + cut(body));
    }
    String pointer = operation.getKey() + "/responses/" + code;
    JsonNode response = responses.get(code);
    if (response.has("$ref")) {
      pointer = response.get("$ref").asText().substring(1);
      response = at(pointer);
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null && !body.isEmpty()) {
        throw new AssertionError("a body where none is documented: " + where + " " + cut(body));
      }
      return;
    }
    String media = contentType == null ? "" : contentType.split(";")[0].strip();
    if (!content.has(media)) {
      throw new AssertionError(
          "content type " + media + " is not documented for " + where + " " + cut(body));
    }
    if (!media.endsWith("json")) {
      return;
    }
    String schemaPointer = pointer + "/content/" + escape(media) + "/schema";
    JsonSchema schema =
        schemas.computeIfAbsent(
            schemaPointer, p -> factory.getSchema(SchemaLocation.of(location + "#" + p), config));
    Set<ValidationMessage> errors;
    try {
      errors = schema.validate(JSON.readTree(body));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + where + " " + cut(body));
    }
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "the answer does not match the document: "
              + where
              + "\n  "
              + errors
              + "\n  "
              + cut(body));
    }
  }

  /**
   * Fails unless a partner notification's body is valid against the schema the document declares
   * for its {@code type} ({@code x-webhooks}); an undeclared type fails too.
   */
  void checkNotification(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("a notification that is not JSON: " + cut(body));
    }
    String type = json.path("type").asText("");
    String pointer =
        "/x-webhooks/" + escape(type) + "/post/requestBody/content/application~1json/schema";
    if (document.at(pointer).isMissingNode()) {
      throw new AssertionError("a notification of an undeclared type: " + cut(body));
    }
    Set<ValidationMessage> errors =
        schemas
            .computeIfAbsent(
                pointer, p -> factory.getSchema(SchemaLocation.of(location + "#" + p), config))
            .validate(json);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "the notification does not match its event schema: " + errors + "\n  " + cut(body));
    }
  }

  /** The JSON pointer of the operation and the operation, or null when none matches. */
  private Map.Entry<String, JsonNode> operation(String method, String path) {
    String bestTemplate = null;
    int bestLiterals = -1;
    for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
      String template = it.next();
      if (!document.path("paths").path(template).has(method)) {
        continue;
      }
      if (matches(template, path)) {
        int literals = template.replaceAll("\\{[^}]+}", "").length();
        if (literals > bestLiterals) {
          bestTemplate = template;
          bestLiterals = literals;
        }
      }
    }
    if (bestTemplate == null) {
      return null;
    }
    String pointer = "/paths/" + escape(bestTemplate) + "/" + method;
    return Map.entry(pointer, document.path("paths").path(bestTemplate).path(method));
  }

  static boolean matches(String template, String path) {
    String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
    return path.matches(regex);
  }

  private JsonNode at(String pointer) {
    return document.at(pointer);
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static String cut(String body) {
    return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
  }
}
