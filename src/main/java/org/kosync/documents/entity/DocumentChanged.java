package org.kosync.documents.entity;

/** A document of an account changed (a push or a rename) and the change is committed. */
public record DocumentChanged(long accountId, String document) {}
