package org.kosync.auth.boundary;

import jakarta.enterprise.context.RequestScoped;
import org.kosync.auth.entity.Caller;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** The caller the authentication filter accepted for this request. */
@RequestScoped
public class CurrentCaller {

  private Caller caller;

  void set(Caller caller) {
    this.caller = caller;
  }

  public Caller get() {
    if (caller == null) {
      throw new SyncException(SyncError.UNAUTHORIZED);
    }
    return caller;
  }
}
