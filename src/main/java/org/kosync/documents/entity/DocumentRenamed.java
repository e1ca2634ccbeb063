package org.kosync.documents.entity;

/** What a user may change about a document: its name ({@code ""} clears it). */
public record DocumentRenamed(String document, String prettyName) {}
