package com.stepup.gateway.payments;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a timeline entry records, as a code; its values travel beside it as {@link TimelineArg}s.
 * The English sentence of each code (for the partner API's {@code summary}) is here and only here;
 * the console says the same in its message bundle ({@code timeline.event.CODE}). A pattern names
 * its values {@code {0}}, {@code {1}}, ... and is otherwise taken as it is written (no
 * MessageFormat quoting).
 */
public enum TimelineEvent {
  // the partner and operators
  PARTNER_CREATED("Partner created the payment"),
  PARTNER_CREATED_WITH_KEY("Partner created the payment (Idempotency-Key set)"),
  CANCEL_REQUESTED("Cancel requested by {0}"),
  CANCEL_REQUESTED_IN_CONSOLE("Cancel requested in the console by {0}"),
  SUPERSEDED("Superseded by {0} on terminal {1}: canceling"),
  FINAL_AUTHORIZE_RETRIED("Final authorization retried in the console by {0}"),
  CAPTURE_REQUESTED("Capture of {0} requested by {1} ({2})"),
  REFUND_REQUESTED("Refund of {0} requested by {1} ({2})"),
  REFUND_OF_CAPTURE_REQUESTED("Refund of {0} of {1} requested by {2} ({3})"),
  RELEASE_REQUESTED("Release of the uncaptured {0} requested by {1} ({2})"),

  // the shopper (proof of the sale for a dispute: recorded once, when first shown)
  QR_SHOWN("QR code shown to the shopper on the display of terminal {0}"),
  SENT_TO_KLARNA("Shopper sent to Klarna's Purchase Journey"),

  // the initial authorize
  AUTHORIZE_ANSWERED("Klarna authorize: {0}"),
  AUTHORIZE_FAILED("Klarna authorize failed: {0}"),
  AUTHORIZE_RESUMED("Resuming the unanswered authorize"),
  REQUEST_RECOVERED("Klarna's Payment Request taken from {0} (the authorize's answer was lost)"),

  // the Klarna Payment Request and the final authorization
  REQUEST_SIGNAL("Klarna request {0} from {1}"),
  REQUEST_SIGNAL_BECAUSE("Klarna request {0} ({1}) from {2}"),
  REQUEST_KNOWN("Klarna request {0} from {1}: already known"),
  REQUEST_KNOWN_TOKEN_TAKEN("Klarna request {0} from {1}: already known (token taken)"),
  REQUEST_IGNORED("Klarna request {0} from {1}: ignored, the payment has moved on"),
  REQUEST_IGNORED_TOKEN_TAKEN(
      "Klarna request {0} from {1}: ignored, the payment has moved on (token taken)"),
  READ_ON_RETURN_FAILED("Read on return failed: {0}"),
  FINAL_AUTHORIZE_STARTED("Final authorization started (attempt {0})"),
  FINAL_AUTHORIZE_ANSWERED("Klarna final authorize: {0}"),
  FINAL_AUTHORIZE_FAILED("Klarna final authorize failed: {0}"),

  // the payment's status
  MOVED("Payment {0}"),
  MOVED_BECAUSE("Payment {0} ({1})"),
  AUTHORIZED_WITHOUT_STEP_UP("Payment authorized: Approved without a step-up"),
  AUTHORIZED_BY_FINAL_AUTHORIZE("Payment authorized: Final authorization approved"),
  AUTHORIZED_BY_FOUND_TRANSACTION(
      "Payment authorized: Klarna holds a transaction for it ({0}): its approval's answer was"
          + " lost"),
  DECLINED_BY_KLARNA("Payment declined: Declined by Klarna"),
  DECLINED_BY_KLARNA_BECAUSE("Payment declined: Declined by Klarna ({0})"),
  DECLINED_BY_FINAL_AUTHORIZE("Payment declined: Final authorization declined"),
  DECLINED_BY_FINAL_AUTHORIZE_BECAUSE("Payment declined: Final authorization declined ({0})"),
  FAILED_AUTHORIZE_REFUSED("Payment failed (Klarna refused the authorize: {0})"),
  FAILED_FINAL_AUTHORIZE_REFUSED("Payment failed (Klarna refused the final authorization: {0})"),
  EXPIRED_AUTHORIZE_UNANSWERED(
      "Payment expired (Klarna never answered the authorize definitely ({0}); needs a person)"),

  // cancelling and the janitor
  CANCEL_NOT_SENT("Cancel not sent: the shopper has approved"),
  CANCEL_ANSWERED("Klarna cancel: {0}"),
  CANCEL_REFUSED("Klarna cancel refused: {0}"),
  CANCEL_FAILED("Klarna cancel failed: {0}"),
  READ_BEFORE_CANCEL_FAILED("Reading before the cancel failed: {0}"),
  JANITOR_CHECK_FAILED("Janitor check failed: {0}"),
  OPERATION_SENT_AGAIN("Janitor sends the {0} {1} again (attempt {2}, same key)"),

  // the money after the authorization
  CAPTURED_WITH_AUTHORIZATION("Captured {0} with the authorization"),
  KLARNA_CAPTURED("Klarna captured {0} ({1})"),
  KLARNA_REFUNDED("Klarna refunded {0} ({1})"),
  KLARNA_RELEASED("Klarna released {0}; its transaction is {1}"),
  OPERATION_REFUSED("Klarna refused the {0} ({1}): {2}"),
  OPERATION_UNANSWERED("Klarna {0} ({1}) not answered: {2}; sent again later"),
  OPERATION_READ_INSTEAD("The {0} ({1}) stayed unanswered; Klarna's transaction read instead"),
  TRANSACTION_STATE("Klarna transaction {0} from {1}"),
  TRANSACTION_EXPIRY("Klarna transaction {0} (expiry {1}) from {2}"),
  TRANSACTION_READ_FAILED("Reading the expired transaction failed: {0}"),
  AUTHORIZATION_EXPIRED("The authorization expired with {0} uncaptured"),
  CAPTURED_AT_KLARNA("Klarna captured {0} made at Klarna, not through the gateway ({1}, from {2})"),
  REFUNDED_AT_KLARNA("Klarna refunded {0} made at Klarna, not through the gateway ({1}, from {2})"),

  // the late transaction (Klarna approved after the payment ended)
  LATE_NOTHING_HELD("Klarna holds nothing for the ended payment"),
  LATE_APPROVAL(
      "Late approval: Klarna approved after the payment was {0}; its transaction {1} is being"
          + " released at Klarna"),
  LATE_FURTHER_TRANSACTION("Klarna holds a further transaction {0} for it (needs a person)"),
  LATE_RELEASED("Late transaction released at Klarna: {0}"),
  LATE_RELEASE_FAILED("Releasing the late transaction failed: {0}"),
  LATE_RELEASE_REFUSED("Klarna refused to release the late transaction: {0} (needs a person)");

  private final String english;

  TimelineEvent(String english) {
    this.english = english;
  }

  /** The English pattern, {@code {0}}... standing for the values. */
  public String english() {
    return english;
  }

  /** The English sentence with these values. */
  public String english(List<TimelineArg> args) {
    return fill(english, args.stream().map(TimelineArg::english).toList());
  }

  /** {@code pattern} with each {@code {i}} replaced by {@code values[i]}; the rest as it is. */
  public static String fill(String pattern, List<String> values) {
    StringBuilder out = new StringBuilder();
    Matcher m = VALUE.matcher(pattern);
    int at = 0;
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      out.append(pattern, at, m.start()).append(i < values.size() ? values.get(i) : m.group());
      at = m.end();
    }
    return out.append(pattern.substring(at)).toString();
  }

  /** Where a value goes in a pattern: {@code {0}}, {@code {1}}, ... */
  public static final Pattern VALUE = Pattern.compile("\\{(\\d+)\\}");
}
