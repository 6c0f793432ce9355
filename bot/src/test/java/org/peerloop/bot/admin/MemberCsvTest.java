package org.peerloop.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.Role;
import org.springframework.http.HttpStatus;

/** The import parser as a table: one CSV row in, what it becomes (or why it is refused) out. */
class MemberCsvTest {

  static final Partnership P =
      new Partnership(
          "kk",
          "Kisumu and Kitui",
          "Africa/Nairobi",
          "sw",
          List.of(
              new Organisation("kisumu", "Kisumu County"),
              new Organisation("kitui", "Kitui County Government")),
          List.of(),
          null,
          List.of(),
          Instant.EPOCH);
  static final List<String> LANGUAGES = List.of("en", "sw", "fr");

  static MemberCsv.Result read(String csv) {
    return MemberCsv.read(csv.getBytes(StandardCharsets.UTF_8), P, LANGUAGES);
  }

  /** row → the imported entry as "name|organisation|role|handle|language", or the reason. */
  static Stream<Arguments> rows() {
    return Stream.of(
        // accepted, and how cells are read
        Arguments.of("Amina,kisumu,peer,+254712345678,en", "Amina|kisumu|PEER|+254712345678|en"),
        Arguments.of("Amina,kisumu,peer,+254 712-345-678,en", "Amina|kisumu|PEER|+254712345678|en"),
        Arguments.of(
            "Amina,kisumu,peer,+254 (0)712.345.678,en", "Amina|kisumu|PEER|+2540712345678|en"),
        Arguments.of("Amina,kisumu,peer,+254712345678", "Amina|kisumu|PEER|+254712345678|sw"),
        Arguments.of("Amina,kisumu,peer,+254712345678,", "Amina|kisumu|PEER|+254712345678|sw"),
        Arguments.of("Amina,kisumu,peer,+254712345678,FR", "Amina|kisumu|PEER|+254712345678|fr"),
        Arguments.of("Amina,Kisumu County,peer,@amina_k,en", "Amina|kisumu|PEER|@amina_k|en"),
        Arguments.of(
            "Amina,  kitui county   government ,peer,@amina_k,en", "Amina|kitui|PEER|@amina_k|en"),
        Arguments.of(
            "Amina,KISUMU,Facilitator,@amina_k,en", "Amina|kisumu|FACILITATOR|@amina_k|en"),
        Arguments.of(
            "Amina,kisumu,focal point,@amina_k,en", "Amina|kisumu|FOCAL_POINT|@amina_k|en"),
        Arguments.of(
            "Amina,kisumu,focal_point,@amina_k,en", "Amina|kisumu|FOCAL_POINT|@amina_k|en"),
        Arguments.of(
            "\"Otieno, Amina\",kisumu,peer,@amina_k,en", "Otieno, Amina|kisumu|PEER|@amina_k|en"),
        Arguments.of(
            "\"Amina \"\"Mama\"\" O\",kisumu,peer,@amina_k,en",
            "Amina \"Mama\" O|kisumu|PEER|@amina_k|en"),
        Arguments.of(
            "  Amina   Otieno ,kisumu,peer,@amina_k,en", "Amina Otieno|kisumu|PEER|@amina_k|en"),
        Arguments.of("Amina,kisumu,peer,+254712345678,en,,,", "Amina|kisumu|PEER|+254712345678|en"),
        Arguments.of("Amina;kisumu;peer;+254712345678;en", "Amina|kisumu|PEER|+254712345678|en"),
        Arguments.of(
            "Amina\tkisumu\tpeer\t+254712345678\ten", "Amina|kisumu|PEER|+254712345678|en"),
        Arguments.of("Amina,kisumu,peer,+12345678,en", "Amina|kisumu|PEER|+12345678|en"),
        // refused, with the reason
        Arguments.of(",kisumu,peer,+254712345678,en", "name is missing"),
        Arguments.of(
            "Amina,nairobi,peer,+254712345678,en",
            "unknown organisation \"nairobi\" (one of kisumu, kitui)"),
        Arguments.of("Amina,,peer,+254712345678,en", "organisation is missing"),
        Arguments.of("Amina,kisumu,boss,+254712345678,en", "unknown role \"boss\""),
        Arguments.of("Amina,kisumu,,+254712345678,en", "role is missing"),
        Arguments.of("Amina,kisumu,peer,,en", "phone number or Telegram username is missing"),
        Arguments.of("Amina,kisumu,peer,0712345678,en", "needs its country code"),
        Arguments.of("Amina,kisumu,peer,+2547,en", "is neither a phone number"),
        Arguments.of("Amina,kisumu,peer,+1234567890123456,en", "is neither a phone number"),
        Arguments.of("Amina,kisumu,peer,2.54712E+11,en", "spreadsheet turned the phone number"),
        Arguments.of("Amina,kisumu,peer,@ami,en", "is not a Telegram username"),
        Arguments.of("Amina,kisumu,peer,@amina-k,en", "is not a Telegram username"),
        Arguments.of("Amina,kisumu,peer,amina_k,en", "is neither a phone number"),
        Arguments.of("Amina,kisumu,peer,+254712345678,de", "unsupported language \"de\""),
        Arguments.of("Amina,kisumu,peer", "expected 5 columns"),
        Arguments.of("Amina,kisumu,peer,+254712345678,en,extra", "expected 5 columns"),
        Arguments.of("Amina,kisumu,peer,\"+254712345678,en", "a quoted cell is not closed"),
        Arguments.of("X".repeat(121) + ",kisumu,peer,+254712345678,en", "name is longer than"),
        Arguments.of(",nairobi,boss,07,xx", "name is missing; unknown organisation"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("rows")
  void aRow(String row, String expected) {
    // A good row before it (in the same separator), so the file as a whole is CSV even when
    // this row is not.
    String separator = row.contains("\t") ? "\t" : row.contains(";") ? ";" : ",";
    String good = String.join(separator, "Good Person", "kitui", "peer", "@good_person", "en");
    MemberCsv.Result r = read(good + "\n" + row + "\n");

    List<MemberCsv.Entry> mine = r.entries().stream().filter(e -> e.line() == 2).toList();
    if (expected.contains("|")) {
      assertThat(r.rejected()).isEmpty();
      MemberCsv.Entry e = mine.get(0);
      assertThat(
              String.join(
                  "|",
                  e.name(),
                  e.organisation(),
                  e.role().name(),
                  e.handle().value(),
                  e.language()))
          .isEqualTo(expected);
    } else {
      assertThat(mine).isEmpty();
      assertThat(r.rejected()).hasSize(1);
      assertThat(r.rejected().get(0).line()).isEqualTo(2);
      assertThat(r.rejected().get(0).reason()).contains(expected);
    }
  }

  @Test
  void lineNumbersCountTheHeaderBlankLinesAndLinesInsideQuotes() {
    MemberCsv.Result r =
        read(
            "Name,Organisation,Role,Phone,Language\r\n"
                + "\r\n"
                + "\"Amina\nOtieno\",kisumu,peer,+254700000001,en\r\n"
                + "Brian,kisumu,boss,+254700000002,en\r\n"
                + ",,,,\n"
                + "Carol,kisumu,peer,+254700000003,en");

    assertThat(r.entries()).extracting(MemberCsv.Entry::line).containsExactly(3, 7);
    assertThat(r.entries().get(0).name()).isEqualTo("Amina Otieno");
    assertThat(r.rejected()).extracting(ImportReport.Rejected::line).containsExactly(5);
  }

  @Test
  void theSamePersonTwiceIsADuplicateOfTheFirstLine() {
    MemberCsv.Result r =
        read(
            "Amina,kisumu,peer,+254712345678,en\n"
                + "Brian,kisumu,peer,@Brian_M,en\n"
                + "Amina O,kitui,peer,+254 712 345 678,en\n"
                + "Brian M,kisumu,peer,@brian_m,en\n");

    assertThat(r.entries()).extracting(MemberCsv.Entry::line).containsExactly(1, 2);
    assertThat(r.rejected())
        .extracting(ImportReport.Rejected::reason)
        .containsExactly(
            "duplicate of line 1 (+2547\u2022\u2022\u2022\u2022\u2022\u202278)",
            "duplicate of line 2 (@br\u2022\u2022\u2022\u2022\u2022)");
  }

  @Test
  void aFixedRowAfterARefusedOneIsNotADuplicate() {
    MemberCsv.Result r =
        read("Amina,nairobi,peer,+254712345678,en\nAmina,kisumu,peer,+254712345678,en\n");

    assertThat(r.entries()).extracting(MemberCsv.Entry::line).containsExactly(2);
    assertThat(r.entries().get(0).role()).isEqualTo(Role.PEER);
  }

  @Test
  void aByteOrderMarkAndAHeaderAreSkipped() {
    MemberCsv.Result r =
        read("\uFEFFname;organisation;role;phone;language\nAmina;kisumu;peer;@amina_k;\n");

    assertThat(r.entries()).hasSize(1);
    assertThat(r.rejected()).isEmpty();
  }

  static Stream<Arguments> notCsv() {
    return Stream.of(
        Arguments.of(new byte[0], "empty"),
        Arguments.of("  \n\n ".getBytes(StandardCharsets.UTF_8), "empty"),
        Arguments.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "binary"),
        Arguments.of(new byte[] {'a', ',', (byte) 0xc3, (byte) 0x28}, "UTF-8"),
        Arguments.of("{\"name\": \"Amina\"}".getBytes(StandardCharsets.UTF_8), "JSON"),
        Arguments.of("[{\"name\": \"Amina\"}]".getBytes(StandardCharsets.UTF_8), "JSON"),
        Arguments.of("hello\nworld\n".getBytes(StandardCharsets.UTF_8), "no row has the columns"),
        Arguments.of(
            "name,organisation,role,phone,language\n".getBytes(StandardCharsets.UTF_8), "no row"),
        Arguments.of("a,b\nc,d,e,f,g,h,i\n".getBytes(StandardCharsets.UTF_8), "no row"));
  }

  @ParameterizedTest
  @MethodSource("notCsv")
  void aBodyThatIsNotAMemberCsvIsRefusedWhole(byte[] body, String reason) {
    assertThatThrownBy(() -> MemberCsv.read(body, P, LANGUAGES))
        .isInstanceOf(AdminProblem.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((AdminProblem) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
  }

  @Test
  void moreThanFiveThousandRowsIsTooLarge() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= MemberCsv.MAX_ROWS; i++) {
      b.append("P").append(i).append(",kisumu,peer,+2547").append(10_000_000 + i).append('\n');
    }

    assertThatThrownBy(() -> read(b.toString()))
        .isInstanceOf(AdminProblem.class)
        .satisfies(
            e -> assertThat(((AdminProblem) e).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
  }
}
