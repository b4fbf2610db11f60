package com.stepup.gateway.app;

/** A plain error page with no template engine behind it, so it renders even when that fails. */
final class ErrorPage {

  private ErrorPage() {}

  static String render(int status, String text) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + status
        + "</title><link rel=\"stylesheet\" href=\"/static/css/console.css\"></head><body>"
        + "<main class=\"error\" data-testid=\"error-page\"><h1>"
        + status
        + "</h1><p>"
        + escape(text)
        + "</p><p><a href=\"/console\">Back to the console</a></p></main></body></html>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
