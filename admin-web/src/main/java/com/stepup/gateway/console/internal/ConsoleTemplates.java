package com.stepup.gateway.console.internal;

import com.stepup.gateway.platform.Amounts;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import jakarta.mvc.engine.ViewEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.eclipse.krazo.engine.ViewEngineConfig;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.messageresolver.StandardMessageResolver;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.serializer.StandardJavaScriptSerializer;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The Thymeleaf engine behind Jakarta MVC, reading templates and the message bundle from this jar
 * rather than from the WAR's {@code /WEB-INF/views}, so the console is one self-contained module.
 * Replaces krazo-thymeleaf's default producer.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
class ConsoleTemplates {

  /** Jakarta MVC prefixes view names with this folder (set as {@link ViewEngine#VIEW_FOLDER}). */
  static final String FOLDER = "templates/";

  /** The console's words (messages.properties), loaded once. */
  static final Properties MESSAGES = bundle();

  private final TemplateEngine engine = build();

  /** Dependent: {@link TemplateEngine} cannot be proxied, so the one engine is handed out as is. */
  @Produces
  @ViewEngineConfig
  TemplateEngine templateEngine() {
    return engine;
  }

  private static TemplateEngine build() {
    var engine = new TemplateEngine();
    // Thymeleaf would use Jackson when it sees it (Flyway brings one) and then trip over the
    // server's Jackson modules; its own serializer is all the templates need.
    var dialect = new StandardDialect();
    dialect.setJavaScriptSerializer(new StandardJavaScriptSerializer(false));
    engine.setDialect(dialect);
    engine.addDialect(new AmountsDialect());
    engine.addTemplateResolver(resolver(1, "", ""));
    engine.addTemplateResolver(resolver(2, FOLDER, ".html"));
    var messages = new StandardMessageResolver();
    messages.setDefaultMessages(MESSAGES);
    engine.setMessageResolver(messages);
    return engine;
  }

  private static ClassLoaderTemplateResolver resolver(int order, String prefix, String suffix) {
    var resolver = new ClassLoaderTemplateResolver(ConsoleTemplates.class.getClassLoader());
    resolver.setOrder(order);
    resolver.setPrefix(prefix);
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    return resolver;
  }

  static Properties bundle() {
    var props = new Properties();
    try (InputStream in = ConsoleTemplates.class.getResourceAsStream("/messages.properties")) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props;
  }

  /** {@code #amounts.format(p.amount, p.currency)}: every amount by its currency's exponent. */
  static final class AmountsDialect extends AbstractDialect implements IExpressionObjectDialect {

    AmountsDialect() {
      super("amounts");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
      return new IExpressionObjectFactory() {
        @Override
        public Set<String> getAllExpressionObjectNames() {
          return Set.of("amounts", "times");
        }

        @Override
        public Object buildObject(IExpressionContext context, String expressionObjectName) {
          return expressionObjectName.equals("times") ? TIMES : new AmountsObject();
        }

        @Override
        public boolean isCacheable(String expressionObjectName) {
          return true;
        }
      };
    }
  }

  private static final TimesObject TIMES = new TimesObject();

  /**
   * {@code #times.local(p.createdAt, zone)}: an instant as people read it in the merchant's zone
   * ("1 Dec 2026, 14:05:09 CET"); {@code #times.utc(..)} the same instant in UTC, for a tooltip.
   */
  public static final class TimesObject {
    private static final DateTimeFormatter LOCAL =
        DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.UK);

    /**
     * Zone abbreviations as people know them ("PST", "CET", "JST"): British English writes the
     * American zones as "GMT-08:00", American English names them.
     */
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.US);

    private static final DateTimeFormatter UTC =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public String local(Instant at, Object zone) {
      if (at == null) {
        return "";
      }
      var here = at.atZone(zoneOf(zone));
      return LOCAL.format(here) + " " + ZONE.format(here);
    }

    /**
     * The zone's name for a column heading: its abbreviation now and its id ("PST,
     * America/Los_Angeles"); for a list across merchants (null), that each is in its own.
     */
    public String zoneName(Object zone) {
      if (zone == null) {
        return "each merchant\u2019s local time";
      }
      ZoneId id = zoneOf(zone);
      String abbreviation = ZONE.format(ZonedDateTime.now(id));
      return abbreviation.equals(id.getId()) ? abbreviation : abbreviation + ", " + id.getId();
    }

    public String utc(Instant at) {
      return at == null ? "" : UTC.format(at);
    }

    /** How long ago, as people say it: "12 s ago", "5 min ago", "3 h ago", "2 days ago". */
    public String ago(Instant at, Instant now) {
      if (at == null) {
        return "";
      }
      long s = Math.max(0, Duration.between(at, now).getSeconds());
      if (s < 60) {
        return s + " s ago";
      }
      if (s < 3600) {
        return s / 60 + " min ago";
      }
      if (s < 86_400) {
        return s / 3600 + " h ago";
      }
      return s / 86_400 + (s / 86_400 == 1 ? " day ago" : " days ago");
    }

    /** Whether a display that asked at {@code at} is to be taken as connected at {@code now}. */
    public boolean recent(Instant at, Instant now) {
      return at != null && at.isAfter(now.minusSeconds(90));
    }

    /** The ISO instant to the second, for {@code <time datetime>}. */
    public String iso(Instant at) {
      return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ZoneId zoneOf(Object zone) {
      if (zone instanceof ZoneId id) {
        return id;
      }
      try {
        return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone.toString());
      } catch (DateTimeException e) {
        return ZoneId.of("UTC");
      }
    }
  }

  /** What templates call; public so the expression language may. */
  public static final class AmountsObject {
    public String format(long minor, String currency) {
      return Amounts.format(minor, currency);
    }
  }
}
