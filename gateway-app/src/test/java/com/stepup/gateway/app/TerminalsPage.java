package com.stepup.gateway.app;

/** The terminals view: what is on each till now, and whether its display asks. */
final class TerminalsPage {
  private final ConsoleBrowser console;

  TerminalsPage(ConsoleBrowser console) {
    this.console = console;
  }

  private static String till(String reference) {
    return "tr[data-terminal='" + reference + "']";
  }

  String current(String reference) {
    return console.text(till(reference) + " [data-testid=till-current]");
  }

  String status(String reference) {
    return console.text(till(reference) + " [data-field=status]");
  }

  String display(String reference) {
    return console.text(till(reference) + " [data-testid=till-display]");
  }
}
