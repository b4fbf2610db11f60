package com.stepup.gateway.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * An entity's {@link Instant} as a {@code timestamp with time zone} column, written at UTC: the one
 * conversion every module's entities share, so none keeps its own {@code OffsetDateTime} helper. A
 * persistence unit lists it as a {@code <class>}; it then applies to every {@code Instant} field.
 */
@Converter(autoApply = true)
public class UtcTimestamp implements AttributeConverter<Instant, OffsetDateTime> {

  @Override
  public OffsetDateTime convertToDatabaseColumn(Instant instant) {
    return of(instant);
  }

  /**
   * The column value of {@code instant}, for a parameter JPA does not convert: one of a native
   * query, or one compared with an expression rather than with the field (EclipseLink converts a
   * parameter only when it stands beside a converted field).
   */
  public static OffsetDateTime of(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * The instant of a value a JPQL query returned for a time column: an {@link Instant} when JPA
   * converted it, else the column's own value. Null stays null. No query takes an aggregate ({@code
   * MIN}, {@code MAX}) of a time column: on PostgreSQL EclipseLink hands the aggregate to this
   * converter as a {@code java.sql.Timestamp}, which fails before any code of ours runs; select the
   * column ordered and take the first row instead.
   */
  public static Instant instant(Object value) {
    if (value instanceof OffsetDateTime column) {
      return column.toInstant();
    }
    if (value instanceof Date legacy) {
      return legacy.toInstant();
    }
    return (Instant) value;
  }

  @Override
  public Instant convertToEntityAttribute(OffsetDateTime column) {
    return column == null ? null : column.toInstant();
  }
}
