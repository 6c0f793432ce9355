package org.peerloop.bot.admin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Role;

/**
 * Reads a member import, a pure function from the uploaded bytes to the rows worth importing and
 * the rows refused (1-based line, reason). Columns, in this order: name, organisation (slug or
 * exact name), role, phone or Telegram username, language (optional, blank: the partnership's). An
 * optional header row starts with {@code name}. Commas, semicolons (spreadsheets in many locales)
 * or tabs separate cells; quotes follow RFC 4180. One bad row never spoils the others; a body that
 * is not CSV at all, or too big, is refused whole ({@link AdminProblem}).
 */
final class MemberCsv {

  static final int MAX_BYTES = 1024 * 1024;
  static final int MAX_ROWS = 5000;
  static final String COLUMNS = "name, organisation, role, phone or Telegram username, language";

  private MemberCsv() {}

  record Entry(
      int line,
      String name,
      String organisation,
      Role role,
      Handles.Handle handle,
      String language) {}

  record Result(List<Entry> entries, List<ImportReport.Rejected> rejected) {}

  /** One record of the file: where it starts, its cells, and a problem of form if it has one. */
  record Record(int line, List<String> cells, String problem) {}

  static Result read(byte[] body, Partnership p, List<String> languages) {
    List<Record> records = records(text(body));
    if (records.stream().noneMatch(r -> r.problem() == null && fits(r))) {
      throw AdminProblem.badRequest("this is not a member CSV: no row has the columns " + COLUMNS);
    }
    if (records.size() > MAX_ROWS) {
      throw AdminProblem.tooLarge(
          "the file has " + records.size() + " rows; import at most " + MAX_ROWS + " at a time");
    }
    List<Entry> entries = new ArrayList<>();
    List<ImportReport.Rejected> rejected = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Record r : records) {
      List<String> problems = new ArrayList<>();
      Entry e = r.problem() != null ? null : check(r, p, languages, problems);
      if (r.problem() != null) {
        problems.add(r.problem());
      }
      if (e != null) {
        Integer earlier = seen.putIfAbsent(e.handle().key(), e.line());
        if (earlier != null) {
          problems.add(
              "duplicate of line " + earlier + " (" + Handles.mask(e.handle().value()) + ")");
        }
      }
      if (problems.isEmpty()) {
        entries.add(e);
      } else {
        rejected.add(new ImportReport.Rejected(r.line(), String.join("; ", problems)));
      }
    }
    return new Result(entries, rejected);
  }

  private static boolean fits(Record r) {
    return r.cells().size() == 4 || r.cells().size() == 5;
  }

  private static Entry check(
      Record r, Partnership p, List<String> languages, List<String> problems) {
    List<String> c = r.cells();
    if (!fits(r)) {
      problems.add("expected 5 columns (" + COLUMNS + "), found " + c.size());
      return null;
    }
    String name =
        PartnershipRules.text(c.get(0), "name", PartnershipRules.MAX_NAME, true, problems);
    Organisation org = organisation(c.get(1), p);
    if (org == null) {
      problems.add(
          (c.get(1).isEmpty()
                  ? "organisation is missing"
                  : "unknown organisation \"" + c.get(1) + "\"")
              + " (one of "
              + String.join(", ", p.organisations().stream().map(Organisation::slug).toList())
              + ")");
    }
    Role role = Role.parse(c.get(2)).orElse(null);
    if (role == null) {
      problems.add(
          (c.get(2).isEmpty() ? "role is missing" : "unknown role \"" + c.get(2) + "\"")
              + " (peer, facilitator or focal-point)");
    }
    Handles.Handle handle = null;
    Handles.Read read = Handles.read(c.get(3));
    if (read instanceof Handles.Ok ok) {
      handle = ok.handle();
    } else if (read instanceof Handles.Bad bad) {
      problems.add(bad.reason());
    }
    String language = c.size() > 4 ? c.get(4).toLowerCase(Locale.ROOT) : "";
    if (language.isEmpty()) {
      language = p.language();
    } else if (!languages.contains(language)) {
      problems.add(
          "unsupported language \""
              + c.get(4)
              + "\" (one of "
              + String.join(", ", languages)
              + ", or blank for the partnership's)");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new Entry(r.line(), name, org.slug(), role, handle, language);
  }

  /** By slug, or by name, ignoring case and repeated spaces. */
  private static Organisation organisation(String cell, Partnership p) {
    String wanted = cell.replaceAll("\\s+", " ").strip();
    for (Organisation o : p.organisations()) {
      if (o.slug().equalsIgnoreCase(wanted)
          || o.name().replaceAll("\\s+", " ").strip().equalsIgnoreCase(wanted)) {
        return o;
      }
    }
    return null;
  }

  /** The body as text, or a 400 when it is empty, binary, not UTF-8 or JSON. */
  static String text(byte[] body) {
    if (body == null || body.length == 0) {
      throw AdminProblem.badRequest("the body is empty; send the CSV (" + COLUMNS + ")");
    }
    if (body.length > MAX_BYTES) {
      throw AdminProblem.tooLarge("the file is larger than 1 MB; split it");
    }
    for (byte b : body) {
      if (b == 0) {
        throw AdminProblem.badRequest("the body is binary, not CSV text");
      }
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw AdminProblem.badRequest("the body is not UTF-8 text; save the sheet as \"CSV UTF-8\"");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String start = text.stripLeading();
    if (start.startsWith("{") || start.startsWith("[")) {
      throw AdminProblem.badRequest("the body is JSON; send CSV (" + COLUMNS + ")");
    }
    if (start.isEmpty()) {
      throw AdminProblem.badRequest("the body is empty; send the CSV (" + COLUMNS + ")");
    }
    return text;
  }

  /**
   * Splits {@code text} into records: blank lines and a leading header row left out, cells
   * stripped, trailing empty cells past the fifth dropped (spreadsheets pad rows).
   */
  static List<Record> records(String text) {
    char delimiter = delimiter(text);
    List<Record> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int start = line;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      String problem = null;
      boolean quoted = false;
      boolean endOfRecord = false;
      while (i < n && !endOfRecord) {
        char ch = text.charAt(i);
        if (quoted) {
          if (ch == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              cell.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            if (ch == '\n' || (ch == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
              line++;
            }
            cell.append(ch);
          }
          i++;
          continue;
        }
        if (ch == '"' && cell.toString().isBlank()) {
          cell.setLength(0);
          quoted = true;
        } else if (ch == delimiter) {
          cells.add(cell.toString().strip());
          cell.setLength(0);
        } else if (ch == '\n' || ch == '\r') {
          if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
            i++;
          }
          line++;
          endOfRecord = true;
        } else {
          cell.append(ch);
        }
        i++;
      }
      if (quoted) {
        problem = "a quoted cell is not closed (a \" is missing)";
      }
      cells.add(cell.toString().strip());
      while (cells.size() > 5 && cells.get(cells.size() - 1).isEmpty()) {
        cells.remove(cells.size() - 1);
      }
      boolean blank = cells.stream().allMatch(String::isEmpty) && problem == null;
      boolean header = out.isEmpty() && !cells.isEmpty() && cells.get(0).equalsIgnoreCase("name");
      if (!blank && !header) {
        out.add(new Record(start, List.copyOf(cells), problem));
      }
    }
    return out;
  }

  /** Comma, unless the first line clearly uses semicolons or tabs. */
  static char delimiter(String text) {
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    if (count(first, ',') >= 3) {
      return ',';
    }
    if (count(first, ';') >= 3) {
      return ';';
    }
    if (count(first, '\t') >= 3) {
      return '\t';
    }
    return ',';
  }

  private static int count(String s, char c) {
    int k = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        k++;
      }
    }
    return k;
  }
}
