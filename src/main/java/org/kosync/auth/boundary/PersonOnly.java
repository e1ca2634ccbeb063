package org.kosync.auth.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route that acts on the account, not only on its reading positions (its password, its
 * deletion): a device key is refused there, so a lost e-reader can sync and do nothing else.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PersonOnly {}
