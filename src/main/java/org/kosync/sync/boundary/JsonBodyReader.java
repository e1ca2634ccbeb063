package org.kosync.sync.boundary;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.kosync.sync.control.JsonBodies;

/**
 * Every request body a resource takes as a {@link JsonObject}, whatever its Content-Type (KOReader
 * sends {@code application/json}, scripts sometimes nothing): at most 64 KiB, strictly UTF-8, one
 * JSON object — each failure with KOReader's code ({@link JsonBodies}). Declared for
 * {@code application/json} as well as any type, so that it outranks the servers' built-in JSON-P
 * readers, which would answer these mistakes with their own errors.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == JsonObject.class;
  }

  @Override
  public JsonObject readFrom(
      Class<JsonObject> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body) {
    return JsonBodies.readObject(headers.getFirst(HttpHeaders.CONTENT_LENGTH), body);
  }
}
