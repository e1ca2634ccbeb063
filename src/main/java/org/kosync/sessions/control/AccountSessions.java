package org.kosync.sessions.control;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One account's open sessions and the subscribed ones among them, as an immutable value: the
 * registry replaces it whole, inside one map update, on every open, subscribe and close.
 */
record AccountSessions(Set<LiveSession> open, Set<LiveSession> subscribed) {

  static final AccountSessions NONE = new AccountSessions(Set.of(), Set.of());

  AccountSessions opened(LiveSession session) {
    return new AccountSessions(with(open, session), subscribed);
  }

  AccountSessions subscribed(LiveSession session) {
    return open.contains(session) ? new AccountSessions(open, with(subscribed, session)) : this;
  }

  /** Empty when the account has no open session left. */
  Optional<AccountSessions> closed(LiveSession session) {
    var rest = new AccountSessions(without(open, session), without(subscribed, session));
    return rest.open.isEmpty() ? Optional.empty() : Optional.of(rest);
  }

  private static Set<LiveSession> with(Set<LiveSession> sessions, LiveSession added) {
    var copy = new HashSet<>(sessions);
    copy.add(added);
    return Set.copyOf(copy);
  }

  private static Set<LiveSession> without(Set<LiveSession> sessions, LiveSession removed) {
    var copy = new HashSet<>(sessions);
    copy.remove(removed);
    return Set.copyOf(copy);
  }
}
