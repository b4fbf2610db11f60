package com.stepup.gateway.platform;

/** One invalid field, named as the JSON names it ({@code address.country}). */
public record FieldError(String field, String message) {}
