package org.kosync.sync.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.EnumSet;
import org.kosync.problems.entity.SyncError;
import org.kosync.problems.entity.SyncException;

/** Any Accept header, strict or lenient: served, or 412 with 100, 101 or 102 — nothing else. */
class AcceptPolicyFuzzTest {

  static final EnumSet<SyncError> DOCUMENTED = EnumSet.of(
      SyncError.ACCEPT_MISSING, SyncError.ACCEPT_MALFORMED, SyncError.ACCEPT_UNSUPPORTED);

  @FuzzTest
  @DictionaryEntries({"application/vnd.koreader.v", "+json", "*/*", "application/json", ";q=0.9"})
  void accept(FuzzedDataProvider data) {
    var strict = data.consumeBoolean();
    var accept = data.consumeBoolean() ? null : data.consumeRemainingAsString();
    try {
      AcceptPolicy.check(accept, strict);
      assertTrue(!strict || accept.contains("application/vnd.koreader.v1+json"), accept);
    } catch (SyncException e) {
      assertTrue(DOCUMENTED.contains(e.error()), () -> "undocumented " + e.error());
      assertTrue(strict || e.error() == SyncError.ACCEPT_UNSUPPORTED, accept);
    }
  }
}
