package com.stepup.gateway.disputes;

import java.util.List;

/**
 * The merchant's answer: evidence ({@code represent}) or an appeal.
 *
 * @param proposedRefundAmount evidence only: a partial refund the merchant offers, less than the
 *     disputed amount
 */
public record Answer(
    List<String> attachmentIds, String additionalInformation, Long proposedRefundAmount) {}
