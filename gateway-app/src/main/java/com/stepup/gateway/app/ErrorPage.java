package com.stepup.gateway.app;

/**
 * A plain error page with no template engine behind it, so it renders even when that fails. Staff
 * get the console's page; shoppers (a {@code /pay/} or {@code /return/} link) and a customer-facing
 * display get their own, with no way into the console.
 */
final class ErrorPage {

  private ErrorPage() {}

  /** Who opened the address that failed, by its path (without the leading slash). */
  enum Audience {
    STAFF,
    SHOPPER,
    DISPLAY;

    static Audience of(String path) {
      String p = path.startsWith("/") ? path.substring(1) : path;
      if (p.startsWith("pay/") || p.startsWith("return/")) {
        return SHOPPER;
      }
      return p.startsWith("display/") ? DISPLAY : STAFF;
    }
  }

  static String render(int status, String text) {
    return render(status, text, Audience.STAFF);
  }

  static String render(int status, String text, Audience audience) {
    String head =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
    return switch (audience) {
      case STAFF ->
          head
              + status
              + "</title><link rel=\"stylesheet\" href=\"/static/css/console.css\"></head><body>"
              + "<main class=\"error\" data-testid=\"error-page\"><h1>"
              + status
              + "</h1><p>"
              + escape(text)
              + "</p><p><a href=\"/console\">Back to the console</a></p></main></body></html>";
      case SHOPPER ->
          head
              + "Payment link</title><link rel=\"stylesheet\" href=\"/static/css/shopper.css\">"
              + "</head><body><main class=\"shopper\" data-testid=\"shopper-error\">"
              + "<h1>"
              + (status == 404 ? "This payment link does not work" : "This payment cannot go on")
              + "</h1><p>"
              + (status == 404
                  ? "The link is incomplete, or the payment it was for no longer exists."
                  : status >= 500
                      ? "Something went wrong on our side. Nothing was charged by this page."
                      : escape(text))
              + "</p><p>Go back to the shop and start the payment again; you will not be charged"
              + " twice.</p></main></body></html>";
      case DISPLAY ->
          head
              + "Display</title><link rel=\"stylesheet\" href=\"/static/css/display.css\"></head>"
              + "<body><main class=\"display\" data-testid=\"display-disconnected\">"
              + "<section><p class=\"big\">This screen was disconnected.</p>"
              + "<p>Ask staff to pair it again.</p></section></main></body></html>";
    };
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
