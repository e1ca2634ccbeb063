package org.kosync.auth.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route of the JSON API ({@code /api/…}): besides a password or token, the user a trusted
 * reverse proxy names in {@code kosync.proxy.auth-header} is accepted. Device keys are not (see
 * {@link PersonOnly}). KOReader's own routes never carry this: devices authenticate themselves.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignOnRoute {}
