package org.kosync.documents.entity;

import java.util.List;

/** A document as the JSON API shows it: its latest state, its name, and its earlier states, newest first. */
public record DocumentView(ProgressState latest, String prettyName, List<ProgressState> history) {}
