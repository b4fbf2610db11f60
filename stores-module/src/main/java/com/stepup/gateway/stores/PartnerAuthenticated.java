package com.stepup.gateway.stores;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks partner API resources: {@code Authorization: Bearer <api key>} is required and names the
 * merchant ({@link PartnerCaller}). Unknown or revoked key: 401; suspended merchant: 403.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PartnerAuthenticated {}
