package org.peerloop.bot.admin;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST …/members/import} and {@code GET …/members} over real HTTP, read back from the store.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"peerloop.store.memory=true", "peerloop.admin-token=" + AdminClient.TOKEN})
class MemberImportApiTest {

  /**
   * Line 1 header, 2–3 good, 4–9 bad, 10 blank, 11 good (language blank), 12 duplicate of 2. Member
   * ids follow the phone number, and the tests share one store: each test gets its own country code
   * {@code CCC}.
   */
  static final String FILE =
      """
      name,organisation,role,phone or telegram,language
      Amina Otieno,kisumu,peer,+CCC 712-345-678,sw
      Brian Mutua,Makueni County,facilitator,@brian_CCC,en
      Carol,nairobi,peer,+CCC700000001,en
      ,kisumu,peer,+CCC700000002,en
      Dan,kisumu,boss,+CCC700000003,en
      Eve,kisumu,peer,0712345678,en
      Faith,kisumu,peer,+CCC700000005,de
      Gabe,kisumu,peer

      Hawa Njeri,makueni,focal-point,+CCC733000111,
      Amina again,kisumu,peer,+CCC712345678,en
      """;

  private static final java.util.concurrent.atomic.AtomicInteger CODES =
      new java.util.concurrent.atomic.AtomicInteger(300);

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  private AdminClient admin;
  private String slug;
  private String cc;
  private String file;

  @BeforeEach
  void partnership() throws Exception {
    admin = new AdminClient(port);
    slug = PartnershipApiTest.create(admin);
    cc = String.valueOf(CODES.incrementAndGet());
    file = FILE.replace("CCC", cc);
  }

  private String path() {
    return "/api/v1/partnerships/" + slug + "/members/import";
  }

  private static String reason(JsonNode report, int line) {
    for (JsonNode r : report.get("rejected")) {
      if (r.get("line").asInt() == line) {
        return r.get("reason").asString();
      }
    }
    return null;
  }

  @Test
  void goodRowsAreImportedAndEachBadRowIsReportedWithItsLine() throws Exception {
    HttpResponse<String> r = admin.postCsv(path(), file);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode report = AdminClient.json(r);
    assertThat(report.get("imported").asInt()).isEqualTo(3);
    List<Integer> lines = new ArrayList<>();
    report.get("rejected").forEach(x -> lines.add(x.get("line").asInt()));
    assertThat(lines).containsExactly(4, 5, 6, 7, 8, 9, 12);
    assertThat(reason(report, 4)).contains("unknown organisation \"nairobi\"");
    assertThat(reason(report, 5)).contains("name is missing");
    assertThat(reason(report, 6)).contains("role \"boss\"");
    assertThat(reason(report, 7)).contains("country code");
    assertThat(reason(report, 8)).contains("unsupported language \"de\"");
    assertThat(reason(report, 9)).contains("expected 5 columns");
    assertThat(reason(report, 12)).contains("duplicate of line 2");

    JsonNode invites = report.get("invites");
    assertThat(invites.size()).isEqualTo(3);
    assertThat(invites.get(0).get("line").asInt()).isEqualTo(2);
    assertThat(invites.get(0).get("name").asString()).isEqualTo("Amina Otieno");
    assertThat(invites.get(0).get("telegramLink").isNull()).isTrue();

    // Read back from the store: an invited member with one membership and a personal code.
    String code = invites.get(0).get("code").asString();
    Document invite = mongo.getCollection("invites").find(eq("_id", code)).first();
    assertThat(invite.getInteger("maxUses")).isEqualTo(1);
    assertThat(invite.getString("partnership")).isEqualTo(slug);
    assertThat(invite.getDate("expiresAt").toInstant())
        .isBetween(
            Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    Document member =
        mongo.getCollection("members").find(eq("_id", invite.getString("memberId"))).first();
    assertThat(member.getString("name")).isEqualTo("Amina Otieno");
    assertThat(member.getString("status")).isEqualTo("INVITED");
    assertThat(member.getString("invitedAs")).isEqualTo("+" + cc + "712345678");
    assertThat(member.getString("language")).isEqualTo("sw");
    assertThat(member.getString("timezone")).isEqualTo("Africa/Nairobi");
    assertThat(member.getList("contacts", String.class)).isEmpty();
    Document place = member.getList("memberships", Document.class).get(0);
    assertThat(place.getString("partnership")).isEqualTo(slug);
    assertThat(place.getString("organisation")).isEqualTo("kisumu");
    assertThat(place.getString("role")).isEqualTo("peer");

    Document brian = mongo.getCollection("members").find(eq("invitedAs", "@brian_" + cc)).first();
    assertThat(brian.getList("memberships", Document.class).get(0).getString("organisation"))
        .isEqualTo("makueni");
    Document hawa =
        mongo.getCollection("members").find(eq("invitedAs", "+" + cc + "733000111")).first();
    assertThat(hawa.getString("language")).isEqualTo("en"); // the partnership's
  }

  @Test
  void importingTheSameFileAgainImportsNobodyTwice() throws Exception {
    admin.postCsv(path(), file);
    long before = mongo.getCollection("members").countDocuments();

    JsonNode again = AdminClient.json(admin.postCsv(path(), file));

    assertThat(again.get("imported").asInt()).isZero();
    assertThat(again.get("invites").size()).isZero();
    assertThat(reason(again, 2)).contains("already a member of this partnership");
    assertThat(reason(again, 3)).contains("already a member");
    assertThat(reason(again, 11)).contains("already a member");
    assertThat(mongo.getCollection("members").countDocuments()).isEqualTo(before);
  }

  @Test
  void aMultipartUploadWithAFilePartWorksToo() throws Exception {
    byte[] csv =
        ("Zawadi Achieng;kisumu;peer;+" + cc + "799000111;sw\r\n").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r = admin.upload(path(), "file", "members.csv", csv);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(AdminClient.json(r).get("imported").asInt()).isEqualTo(1);
    HttpResponse<String> wrongPart = admin.upload(path(), "upload", "members.csv", csv);
    assertThat(wrongPart.statusCode()).isEqualTo(400);
    assertThat(wrongPart.body()).contains("file");
  }

  @Test
  void aBodyThatIsNotCsvIs400() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d};
    List<HttpResponse<String>> answers =
        List.of(
            admin.postBytes(path(), "image/png", png),
            admin.postBytes(path(), "text/csv", new byte[] {(byte) 0xff, (byte) 0xfe, 'a', ','}),
            admin.post(path(), "{\"name\": \"Amina\", \"organisation\": \"kisumu\"}"),
            admin.postCsv(path(), "just some words\nand more words\n"),
            admin.postCsv(path(), ""));

    for (HttpResponse<String> r : answers) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.body()).startsWith("{\"error\":\"");
    }
    assertThat(mongo.getCollection("members").countDocuments(eq("memberships.partnership", slug)))
        .isZero();
  }

  @Test
  void aFileOverOneMegabyteIs413() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() <= MemberCsv.MAX_BYTES; i++) {
      big.append("Person ")
          .append(i)
          .append(",kisumu,peer,+" + cc + "7")
          .append(10_000_000 + i)
          .append(",en\n");
    }

    HttpResponse<String> r = admin.postCsv(path(), big.toString());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).startsWith("{\"error\":\"");
  }

  @Test
  void tooManyRowsIs413() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i <= MemberCsv.MAX_ROWS; i++) {
      rows.append("P")
          .append(i)
          .append(",kisumu,peer,+" + cc + "7")
          .append(10_000_000 + i)
          .append("\n");
    }

    HttpResponse<String> r = admin.postCsv(path(), rows.toString());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains(String.valueOf(MemberCsv.MAX_ROWS));
  }

  @Test
  void anImportIntoAnUnknownPartnershipIs404() throws Exception {
    HttpResponse<String> r = admin.postCsv("/api/v1/partnerships/nobody-here/members/import", file);

    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void theMemberListMasksPhoneNumbersAndShowsChannelsByName() throws Exception {
    admin.postCsv(path(), file);
    // A member who joined on Telegram (as the chat side will write one).
    mongo
        .getCollection("members")
        .insertOne(
            new Document("_id", "m-joined-" + slug)
                .append("name", "Juma")
                .append("language", "en")
                .append("timezone", "Africa/Nairobi")
                .append("status", "ACTIVE")
                .append(
                    "memberships",
                    List.of(
                        new Document("partnership", slug)
                            .append("organisation", "makueni")
                            .append("role", "peer")))
                .append("coordinator", false)
                .append("contacts", List.of("telegram:5550001234", "web:juma"))
                .append("consentVersion", "1")
                .append("consentAt", java.util.Date.from(Instant.parse("2026-01-05T08:00:00Z")))
                .append("createdAt", java.util.Date.from(Instant.parse("2026-01-05T08:00:00Z"))));

    HttpResponse<String> r = admin.get("/api/v1/partnerships/" + slug + "/members");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .doesNotContain("712345678")
        .doesNotContain("733000111")
        .doesNotContain("brian_")
        .doesNotContain("5550001234");
    JsonNode list = AdminClient.json(r);
    assertThat(list.isArray()).isTrue();
    assertThat(list.size()).isEqualTo(4);
    JsonNode amina = find(list, "Amina Otieno");
    assertThat(amina.get("invitedAs").asString())
        .isEqualTo("+" + cc + "7\u2022\u2022\u2022\u2022\u2022\u202278");
    assertThat(amina.get("status").asString()).isEqualTo("invited");
    assertThat(amina.get("organisation").asString()).isEqualTo("kisumu");
    assertThat(amina.get("role").asString()).isEqualTo("peer");
    assertThat(amina.get("language").asString()).isEqualTo("sw");
    assertThat(amina.get("timezone").asString()).isEqualTo("Africa/Nairobi");
    assertThat(amina.get("channels").size()).isZero();
    assertThat(amina.get("id").asString()).startsWith("m-");
    JsonNode juma = find(list, "Juma");
    assertThat(juma.get("status").asString()).isEqualTo("active");
    assertThat(juma.get("channels").toString()).isEqualTo("[\"telegram\",\"web\"]");
    assertThat(juma.get("joinedAt").asString()).isEqualTo("2026-01-05T08:00:00Z");
    assertThat(juma.get("invitedAs").isNull()).isTrue();
  }

  @Test
  void membersOfAnUnknownPartnershipIs404() throws Exception {
    assertThat(admin.get("/api/v1/partnerships/nobody-here/members").statusCode()).isEqualTo(404);
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode m : list) {
      if (name.equals(m.get("name").asString())) {
        return m;
      }
    }
    throw new AssertionError("no member " + name + " in " + list);
  }
}
