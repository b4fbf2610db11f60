package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user's own preferences, for every role: the language and number format amounts are typed in
 * (issue 29), kept per user and used from the next request on.
 */
@Controller
@RequestScoped
@Path("console/preferences")
public class PreferencesController {

  @Inject Models models;
  @Inject ConsoleCaller caller;
  @Inject ConsoleLocales locales;
  @Inject ConsoleAudit audit;

  @GET
  public String show() {
    caller.describe();
    var chosen = locales.of(caller.username());
    models.put("chosenLocale", chosen.map(Locale::toLanguageTag).orElse(""));
    models.put("effectiveLocale", caller.locale().getDisplayName(Locale.ENGLISH));
    models.put("localeOptions", options());
    return "preferences.html";
  }

  @POST
  public Response choose(@FormParam("locale") String tag) {
    boolean browser = tag == null || tag.isBlank();
    var locale = ConsoleLocales.offered(tag);
    if (!browser && locale.isEmpty()) {
      throw new BadRequestException(); // not one offered: nothing to keep
    }
    locales.choose(caller.username(), locale.orElse(null));
    audit.record("user.locale", caller.username(), browser ? "browser" : tag.strip());
    return Response.seeOther(URI.create("console/preferences?done=preferences-saved")).build();
  }

  /** Each offered locale: its tag, its name in its own language, and how it writes 1234.56. */
  static List<Map<String, String>> options() {
    return ConsoleLocales.OFFERED.stream()
        .map(
            l ->
                Map.of(
                    "tag",
                    l.toLanguageTag(),
                    "name",
                    l.getDisplayName(l),
                    "sample",
                    NumberFormat.getNumberInstance(l)
                        .format(1234.56)
                        .replace('\u00a0', ' ')
                        .replace('\u202f', ' ')))
        .toList();
  }
}
