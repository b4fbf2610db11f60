package com.stepup.gateway.disputes;

import java.time.Instant;

/**
 * A file the merchant uploaded for a dispute (already at Klarna).
 *
 * @param usedIn {@code evidence} or {@code appeal} once sent with one, else null
 */
public record AttachmentView(
    String id,
    String disputeId,
    String filename,
    String contentType,
    long size,
    String description,
    String usedIn,
    Instant createdAt) {}
