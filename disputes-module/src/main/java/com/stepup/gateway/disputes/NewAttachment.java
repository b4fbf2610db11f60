package com.stepup.gateway.disputes;

/** A file to upload for a dispute, as the merchant sent it. */
public record NewAttachment(
    String filename, String declaredType, byte[] content, String description) {}
