package org.gposuite.pg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.StringJoiner;

/**
 * A config's identity: an explicit, ordered list of key = value, written {@code Name[key=value, ...]}.
 * Configs build it field by field, so the text (and GPO's config hash, which reads it) depends only
 * on the keys written there, never on how a record's components happen to be named or ordered:
 * renaming a field in the code keeps every stored hash.
 */
public final class ConfigIdentity {
  private final String name;
  private final SequencedMap<String, String> fields = new LinkedHashMap<>();

  public ConfigIdentity(String name) {
    this.name = name;
  }

  public ConfigIdentity add(String key, String value) {
    if (fields.putIfAbsent(key, value) != null) throw new IllegalArgumentException(name + ": identity key '" + key + "' given twice");
    return this;
  }

  public ConfigIdentity add(String key, long value) { return add(key, Long.toString(value)); }

  public ConfigIdentity add(String key, double value) { return add(key, Double.toString(value)); }

  public ConfigIdentity add(String key, boolean value) { return add(key, Boolean.toString(value)); }

  public ConfigIdentity add(String key, Enum<?> value) { return add(key, value.name()); }

  /** A nested config, as its own {@code Name[...]} text. */
  public ConfigIdentity add(String key, ConfigIdentity value) { return add(key, value.toString()); }

  /** The entries in order (read-only). */
  public SequencedMap<String, String> fields() {
    return Collections.unmodifiableSequencedMap(fields);
  }

  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", name + "[", "]");
    for (Map.Entry<String, String> e : fields.entrySet()) text.add(e.getKey() + "=" + e.getValue());
    return text.toString();
  }
}
