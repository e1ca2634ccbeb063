package org.kosync.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.util.List;

/**
 * JSON values built from fuzzer input, for targets whose parser takes an already-parsed object:
 * keys mostly from the names the parser looks for (so the fuzzer reaches its rules, not only its
 * "missing field" branch), values of every JSON type, strings of any UTF-16 (lone surrogates, NUL
 * and controls included), numbers from tiny to absurd.
 */
public final class FuzzedJson {

  private static final int MAX_DEPTH = 4;
  // JSON.create… looks the provider up on every call, which would be most of a target's time
  private static final JsonProvider JSON = JsonProvider.provider();

  private final FuzzedDataProvider data;
  private final List<String> names;

  public FuzzedJson(FuzzedDataProvider data, List<String> names) {
    this.data = data;
    this.names = names;
  }

  public JsonObject object() {
    return object(0);
  }

  private JsonObject object(int depth) {
    var object = JSON.createObjectBuilder();
    var fields = data.consumeInt(0, names.size() + 2);
    for (var i = 0; i < fields; i++) {
      var name = data.consumeBoolean() ? data.pickValue(names) : text(data, 8);
      object.add(name, value(depth + 1));
    }
    return object.build();
  }

  public JsonValue value(int depth) {
    var kind = data.consumeInt(0, depth >= MAX_DEPTH ? 5 : 7);
    return switch (kind) {
      case 0, 1 -> JSON.createValue(text(data, 300));
      case 2 -> JSON.createValue(number());
      case 3 -> data.consumeBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
      case 4 -> JsonValue.NULL;
      case 5 -> JSON.createValue(data.consumeAsciiString(140));
      case 6 -> object(depth);
      default -> {
        var array = JSON.createArrayBuilder();
        var items = data.consumeInt(0, 3);
        for (var i = 0; i < items; i++) {
          array.add(value(depth + 1));
        }
        yield array.build();
      }
    };
  }

  /** Text as a decoder would never make it, too: any UTF-16 units, unpaired surrogates included. */
  public static String text(FuzzedDataProvider data, int maxLength) {
    if (data.consumeBoolean()) {
      return data.consumeString(maxLength);
    }
    var text = new StringBuilder();
    for (var i = data.consumeInt(0, Math.min(maxLength, 40)); i > 0; i--) {
      text.append(data.consumeChar());
    }
    return text.toString();
  }

  private BigDecimal number() {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> BigDecimal.valueOf(data.consumeLong());
      case 1 -> {
        var d = data.consumeRegularDouble();
        yield BigDecimal.valueOf(d);
      }
      case 2 -> new BigDecimal(data.consumeLong()).scaleByPowerOfTen(data.consumeInt(-400, 400));
      default -> BigDecimal.valueOf(data.consumeInt(-1, 101));
    };
  }
}
