package org.gposuite.checkpoint;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Result rows are flat records of int, long, double, boolean and String; this writes them as CSV
 * (header = component names in snake_case) and to and from a checkpoint stream, from the record's
 * components, so a new column needs no code here.
 */
public final class Rows {
  private Rows() {}

  public static String[] header(Class<? extends Record> type) {
    RecordComponent[] cs = type.getRecordComponents();
    String[] h = new String[cs.length];
    for (int i = 0; i < cs.length; i++) h[i] = cs[i].getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    return h;
  }

  public static Object[] values(Record r) {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    Object[] v = new Object[cs.length];
    try {
      for (int i = 0; i < cs.length; i++) v[i] = cs[i].getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Rows: cannot read " + r.getClass().getSimpleName(), e);
    }
    return v;
  }

  /** Writes all rows to {@code file} atomically (temp file, then move). */
  public static <R extends Record> void writeCsv(Path file, Class<R> type, List<R> rows) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(tmp), CSVFormat.DEFAULT.builder().setHeader(header(type)).get())) {
      for (R r : rows) p.printRecord(values(r));
    } catch (IOException e) {
      throw new UncheckedIOException("Rows: cannot write " + tmp, e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Rows: cannot move " + tmp + " to " + file, e);
    }
  }

  /** The rows of a CSV that {@link #writeCsv} wrote for {@code type} (same header), in file order. */
  public static <R extends Record> List<R> readCsv(Path file, Class<R> type) {
    RecordComponent[] cs = type.getRecordComponents();
    Constructor<R> ctor = canonical(type, cs);
    List<R> rows = new ArrayList<>();
    try (org.apache.commons.csv.CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(Files.newBufferedReader(file))) {
      if (!p.getHeaderNames().equals(List.of(header(type))))
        throw new IllegalStateException(file + " has the columns " + p.getHeaderNames() + ", not those of " + type.getSimpleName()
            + "; delete it to start the run's " + type.getSimpleName() + " rows afresh");
      for (org.apache.commons.csv.CSVRecord rec : p) {
        Object[] v = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) v[i] = parse(cs[i].getType(), rec.get(i));
        rows.add(ctor.newInstance(v));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Rows: cannot read " + file, e);
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (e instanceof IllegalStateException ise) throw ise;
      throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); delete it to start its rows afresh", e);
    }
    return rows;
  }

  private static Object parse(Class<?> t, String text) {
    if (t == int.class) return Integer.parseInt(text);
    if (t == long.class) return Long.parseLong(text);
    if (t == double.class) return Double.parseDouble(text);
    if (t == boolean.class) return Boolean.parseBoolean(text);
    if (t == String.class) return text;
    throw new IllegalStateException("Rows: unsupported column type " + t);
  }

  private static <R extends Record> Constructor<R> canonical(Class<R> type, RecordComponent[] cs) {
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) types[i] = cs[i].getType();
    try {
      return type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Rows: no canonical constructor for " + type, e);
    }
  }

  static <R extends Record> void write(DataOutput out, List<R> rows) throws IOException {
    out.writeInt(rows.size());
    for (R r : rows)
      for (Object v : values(r)) {
        switch (v) {
          case Integer i -> out.writeInt(i);
          case Long l -> out.writeLong(l);
          case Double d -> out.writeDouble(d);
          case Boolean b -> out.writeBoolean(b);
          case String s -> out.writeUTF(s);
          default -> throw new IllegalStateException("Rows: unsupported column type " + v.getClass());
        }
      }
  }

  static <R extends Record> List<R> read(DataInput in, Class<R> type) throws IOException {
    RecordComponent[] cs = type.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) types[i] = cs[i].getType();
    Constructor<R> ctor = canonical(type, cs);
    int n = in.readInt();
    List<R> rows = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Object[] v = new Object[cs.length];
      for (int i = 0; i < cs.length; i++) {
        Class<?> t = types[i];
        if (t == int.class) v[i] = in.readInt();
        else if (t == long.class) v[i] = in.readLong();
        else if (t == double.class) v[i] = in.readDouble();
        else if (t == boolean.class) v[i] = in.readBoolean();
        else if (t == String.class) v[i] = in.readUTF();
        else throw new IllegalStateException("Rows: unsupported column type " + t);
      }
      try {
        rows.add(ctor.newInstance(v));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Rows: cannot rebuild a " + type.getSimpleName(), e);
      }
    }
    return rows;
  }
}
