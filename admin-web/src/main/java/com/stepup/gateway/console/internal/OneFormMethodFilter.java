package com.stepup.gateway.console.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Specializes;
import org.eclipse.krazo.forms.FormMethodOverwriteFilter;

/**
 * Krazo's form-method filter, made once instead of once per request. Krazo declares it
 * {@code @RequestScoped}, and its constructor looks {@code FormEntityProvider} up through a {@link
 * java.util.ServiceLoader} over the whole class path: under the benchmark that was 6 % of the
 * server's CPU, on every request of every kind, the partner API's included (ADR 0015). It keeps no
 * state between requests, and the console does not use hidden-method forms.
 */
@Specializes
@ApplicationScoped
public class OneFormMethodFilter extends FormMethodOverwriteFilter {}
