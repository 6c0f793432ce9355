package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerloop.bot.groups.GroupLink;
import org.peerloop.bot.groups.GroupLinks;
import org.peerloop.bot.groups.GroupPosts;
import org.peerloop.bot.outbox.Priority;
import org.peerloop.bot.people.InviteStore;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Membership;
import org.peerloop.bot.people.Organisation;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.bot.people.Role;
import org.peerloop.bot.testing.AdminClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A partnership's Telegram group, end to end against the fake Bot API: a facilitator gets a code in
 * their private chat and links the group with it; posts reach the group; the link follows the group
 * to a supergroup and ends when the bot is removed; leaders get their own commands menu.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "peerloop.store.memory=true",
      "peerloop.admin-token=" + AdminClient.TOKEN,
      "peerloop.outbox.channels.telegram.per-chat-per-second=50",
      "peerloop.outbox.channels.telegram.per-group-per-minute=600",
      "peerloop.outbox.retry-base=50ms",
      // The test calls the reconciliation itself.
      "peerloop.telegram.leader-menus-delay=3600000",
    })
class TelegramGroupsTest {

  static final String TOKEN = "777:GROUPS-token";
  static final FakeBotApi FAKE = startFake();
  private static final AtomicLong IDS = new AtomicLong(7_000_000);
  private static final AtomicLong UPDATES = new AtomicLong(70_000);
  private static final Pattern CODE = Pattern.compile("/link ([A-Z0-9]{8})");
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired PartnershipStore partnerships;
  @Autowired InviteStore invites;
  @Autowired MemberStore members;
  @Autowired GroupLinks links;
  @Autowired GroupPosts posts;
  @Autowired LeaderMenus menus;

  static FakeBotApi startFake() {
    try {
      return FakeBotApi.start(TOKEN);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void telegram(DynamicPropertyRegistry r) {
    r.add("peerloop.telegram.token", () -> TOKEN);
    r.add("peerloop.telegram.api-url", FAKE::url);
  }

  @AfterEach
  void clear() {
    FAKE.clearFailures();
  }

  @AfterAll
  static void close() {
    FAKE.close();
  }

  @Test
  void aFacilitatorLinksTheGroupWithACodeFromTheirPrivateChatAndPostsReachIt() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long group = -1_000_000_100_000L - IDS.incrementAndGet();

    say(facilitator, "/link");
    String reply = await(facilitator, "/link ");
    assertThat(reply).contains("Lake Twins").contains("60 minutes");
    // One tap adds the bot to a group and sends the code there.
    assertThat(reply).contains("https://t.me/PeerLoopTestBot?startgroup=");
    String code = code(reply);

    sayInGroup(group, facilitator, "/link@PeerLoopTestBot " + code);
    assertThat(await(group, "now linked")).contains("Lake Twins");
    GroupLink link = links.of(slug).orElseThrow();
    assertThat(link.address()).isEqualTo(String.valueOf(group));
    assertThat(link.channel()).isEqualTo("telegram");

    assertThat(
            posts.post(
                slug,
                "post-" + slug,
                "Key message: the budget report is out.",
                null,
                Priority.BULK))
        .isPresent();
    await(group, "Key message: the budget report is out.");

    // The code is used up: the same code again links nothing.
    long other = -1_000_000_200_000L - IDS.incrementAndGet();
    sayInGroup(other, facilitator, "/link " + code);
    await(other, "does not work");
    assertThat(links.of(slug).orElseThrow().address()).isEqualTo(String.valueOf(group));

    // /help in the linked group says what the group is for.
    sayInGroup(group, facilitator, "/help@PeerLoopTestBot");
    assertThat(await(group, "I am PeerLoop"))
        .contains("Lake Twins")
        .contains("t.me/PeerLoopTestBot");
  }

  @Test
  void aStartgroupLinkLinksTheGroupItAddsTheBotTo() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long group = -1_000_000_300_000L - IDS.incrementAndGet();
    say(facilitator, "/link");
    String code = code(await(facilitator, "/link "));

    sayInGroup(group, facilitator, "/start@PeerLoopTestBot " + code); // what the link sends
    await(group, "now linked");
    assertThat(links.of(slug)).isPresent();
  }

  @Test
  void aCodeWorksOnlyForTheLeaderItWasMadeForAndPeersCannotLinkOrUnlink() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long peer = join(slug, Role.PEER, "Otieno");
    long group = -1_000_000_400_000L - IDS.incrementAndGet();

    say(peer, "/link");
    await(peer, "not available");

    say(facilitator, "/link");
    String code = code(await(facilitator, "/link "));
    sayInGroup(group, peer, "/link " + code); // a peer who saw the code
    await(group, "does not work");
    assertThat(links.of(slug)).isEmpty();
    sayInGroup(group, 999_999L, "/link " + code); // a stranger
    await(group, "does not work");
    assertThat(links.of(slug)).isEmpty();

    sayInGroup(group, facilitator, "/link " + code); // still good for its owner
    await(group, "now linked");

    sayInGroup(group, peer, "/unlink");
    await(group, "not available");
    assertThat(links.of(slug)).isPresent();
    sayInGroup(group, facilitator, "/unlink");
    assertThat(await(group, "no longer linked")).contains("Lake Twins");
    assertThat(links.of(slug)).isEmpty();
    assertThat(posts.post(slug, "after-unlink-" + slug, "hello", null, Priority.BULK)).isEmpty();
  }

  @Test
  void theOperatorSeesTheLinkAndCanEndIt() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long group = -1_000_000_900_000L - IDS.incrementAndGet();
    AdminClient admin = new AdminClient(port);
    assertThat(admin.get("/api/v1/partnerships/" + slug + "/group").statusCode()).isEqualTo(404);
    assertThat(admin.get("/api/v1/partnerships/nowhere/group").statusCode()).isEqualTo(404);

    say(facilitator, "/link");
    sayInGroup(group, facilitator, "/link " + code(await(facilitator, "/link ")));
    await(group, "now linked");
    var got = admin.get("/api/v1/partnerships/" + slug + "/group");
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(got.body()).path("chat").asText()).isEqualTo(String.valueOf(group));
    assertThat(JSON.readTree(got.body()).path("channel").asText()).isEqualTo("telegram");

    assertThat(admin.delete("/api/v1/partnerships/" + slug + "/group").statusCode()).isEqualTo(204);
    assertThat(links.of(slug)).isEmpty();
    assertThat(admin.delete("/api/v1/partnerships/" + slug + "/group").statusCode()).isEqualTo(404);
  }

  @Test
  void personalCommandsInTheGroupGetALinkToThePrivateChatAndNothingIsStarted() throws Exception {
    String slug = partnership();
    long peer = join(slug, Role.PEER, "Otieno");
    long group = -1_000_000_500_000L - IDS.incrementAndGet();
    int before = FAKE.sentTo(peer).size();
    sayInGroup(group, peer, "/checkin@PeerLoopTestBot");
    assertThat(await(group, "private")).contains("https://t.me/PeerLoopTestBot");
    Thread.sleep(300);
    // No check-in began in the private chat either: the person starts it there.
    assertThat(FAKE.sentTo(peer)).hasSize(before);
  }

  @Test
  void theLinkFollowsTheGroupToItsSupergroupAndEndsWhenTheBotIsRemoved() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long group = -IDS.incrementAndGet();
    long supergroup = -1_000_000_600_000L - IDS.incrementAndGet();
    say(facilitator, "/link");
    String code = code(await(facilitator, "/link "));
    sayInGroup(group, facilitator, "/link " + code);
    await(group, "now linked");

    FAKE.migrateGroup(group, supergroup);
    posts.post(slug, "moved-" + slug, "After the move.", null, Priority.BULK);
    await(supergroup, "After the move.");
    awaitLink(slug, String.valueOf(supergroup));

    FAKE.enqueue(removed(supergroup));
    awaitUnlinked(slug);
  }

  @Test
  void aGroupThatRefusesTheBotIsUnlinked() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long group = -1_000_000_700_000L - IDS.incrementAndGet();
    say(facilitator, "/link");
    sayInGroup(group, facilitator, "/link " + code(await(facilitator, "/link ")));
    await(group, "now linked");

    FAKE.failChat(group, 403, "Forbidden: bot was kicked from the supergroup chat");
    posts.post(slug, "kicked-" + slug, "Anyone there?", null, Priority.BULK);
    awaitUnlinked(slug);
  }

  @Test
  void leadersGetTheirOwnMenuAndLoseItWhenTheyStopLeading() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long peer = join(slug, Role.PEER, "Otieno");
    menus.refresh();

    FakeBotApi.Call set = lastMenuCall("setMyCommands", facilitator);
    assertThat(set).as("a menu for the facilitator's chat").isNotNull();
    assertThat(set.params().path("commands").toString())
        .contains("\"link\"")
        .contains("\"members\"")
        .contains("\"checkin\"")
        .contains("Link a Telegram group");
    assertThat(lastMenuCall("setMyCommands", peer)).as("no own menu for a peer").isNull();

    int calls = FAKE.calls("setMyCommands").size();
    assertThat(menus.refresh()).as("nothing changed, nothing set").isZero();
    assertThat(FAKE.calls("setMyCommands")).hasSize(calls);

    // Grace becomes a peer in her partnership: her chat goes back to the peers' menu.
    String memberId = memberOf(facilitator);
    members.update(
        memberId,
        m ->
            new org.peerloop.bot.people.Member(
                m.id(),
                m.name(),
                m.language(),
                m.timezone(),
                m.status(),
                List.of(new Membership(slug, "east", Role.PEER)),
                false,
                m.contacts(),
                m.invitedAs(),
                m.consentVersion(),
                m.consentAt(),
                m.defaultPartnership(),
                m.createdAt()));
    menus.refresh();
    assertThat(lastMenuCall("deleteMyCommands", facilitator)).isNotNull();
    assertThat(mongo.getCollection("telegram_menus").find(new Document("_id", "" + facilitator)))
        .isEmpty();
  }

  @Test
  void forgetLeavesTheGroupLinkedButNamesNobody() throws Exception {
    String slug = partnership();
    long facilitator = join(slug, Role.FACILITATOR, "Grace");
    long group = -1_000_000_800_000L - IDS.incrementAndGet();
    String memberId = memberOf(facilitator);
    say(facilitator, "/link");
    sayInGroup(group, facilitator, "/link " + code(await(facilitator, "/link ")));
    await(group, "now linked");
    say(facilitator, "/link"); // an unused code, too
    await(facilitator, "/link ");
    menus.refresh();

    say(facilitator, "/forget");
    say(facilitator, "/forget yes");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (links.of(slug).map(GroupLink::linkedBy).orElse(null) != null
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(links.of(slug).orElseThrow().linkedBy()).isNull();
    assertThat(mongo.getCollection("group_codes").find(new Document("memberId", memberId)))
        .isEmpty();
    assertThat(mongo.getCollection("telegram_menus").find(new Document("_id", "" + facilitator)))
        .isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private String partnership() {
    String slug = "grp-" + IDS.incrementAndGet();
    partnerships.create(
        new Partnership(
            slug,
            "Lake Twins",
            "Africa/Kampala",
            "en",
            List.of(new Organisation("east", "East Town"), new Organisation("west", "West Town")),
            List.of(),
            null,
            List.of(),
            Instant.now()));
    return slug;
  }

  /** A person joins {@code slug} in their private chat with a code for {@code role}. */
  private long join(String slug, Role role, String name) throws Exception {
    long chat = IDS.incrementAndGet();
    String code = invites.create(slug, "east", role, 5, null, null, Instant.now()).code();
    say(chat, "/start " + code);
    tap(chat, await(chat, "Which language", true), "welcome.language:en");
    await(chat, "what name");
    say(chat, name);
    tap(chat, await(chat, "East Town", true), "join.organisation:yes");
    tap(chat, await(chat, "Africa/Kampala", true), "join.timezone:yes");
    tap(chat, await(chat, "go ahead", true), "join.agree:yes");
    await(chat, "Welcome aboard");
    return chat;
  }

  private String memberOf(long chat) {
    return mongo
        .getCollection("contacts")
        .find(new Document("_id", "telegram:" + chat))
        .first()
        .getString("memberId");
  }

  private static void say(long chat, String text) {
    FAKE.enqueue(FAKE.textUpdate(UPDATES.incrementAndGet(), chat, chat, text));
  }

  private static void sayInGroup(long group, long user, String text) {
    FAKE.enqueue(FAKE.groupTextUpdate(UPDATES.incrementAndGet(), group, user, text));
  }

  private static void tap(long chat, int messageId, String data) {
    FAKE.enqueue(FAKE.callbackUpdate(UPDATES.incrementAndGet(), chat, chat, messageId, data));
  }

  private static String await(long chat, String fragment) throws InterruptedException {
    return sent(chat, fragment).text();
  }

  private static int await(long chat, String fragment, boolean messageId)
      throws InterruptedException {
    return sent(chat, fragment).messageId();
  }

  /** The latest message to {@code chat} containing {@code fragment}, waiting up to 10 s. */
  private static FakeBotApi.Sent sent(long chat, String fragment) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      List<FakeBotApi.Sent> all = FAKE.sentTo(chat);
      for (int i = all.size() - 1; i >= seen; i--) {
        if (all.get(i).text() != null && all.get(i).text().contains(fragment)) {
          return all.get(i);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never said '" + fragment + "' to " + chat + ": " + FAKE.sentTo(chat));
  }

  private static String code(String text) {
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as("a code in: " + text).isTrue();
    return m.group(1);
  }

  private void awaitUnlinked(String slug) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (links.of(slug).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(links.of(slug)).isEmpty();
  }

  private void awaitLink(String slug, String address) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (links.of(slug).map(l -> l.address().equals(address)).orElse(false)) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(links.of(slug).map(GroupLink::address)).contains(address);
  }

  private static FakeBotApi.Call lastMenuCall(String method, long chat) {
    List<FakeBotApi.Call> calls = FAKE.calls(method);
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).params().path("scope").toString().contains(String.valueOf(chat))) {
        return calls.get(i);
      }
    }
    return null;
  }

  /** What Telegram sends when someone removes the bot from a group. */
  private static ObjectNode removed(long group) {
    ObjectNode update = JSON.createObjectNode();
    update.put("update_id", UPDATES.incrementAndGet());
    ObjectNode change = update.putObject("my_chat_member");
    ObjectNode chat = change.putObject("chat");
    chat.put("id", group);
    chat.put("title", "Lake Twins");
    chat.put("type", "supergroup");
    change.putObject("from").put("id", 4242).put("is_bot", false).put("first_name", "Admin");
    change.put("date", Instant.now().getEpochSecond());
    ObjectNode old = change.putObject("old_chat_member");
    old.putObject("user").put("id", 777).put("is_bot", true).put("first_name", "PeerLoop");
    old.put("status", "member");
    ObjectNode now = change.putObject("new_chat_member");
    now.putObject("user").put("id", 777).put("is_bot", true).put("first_name", "PeerLoop");
    now.put("status", "kicked");
    now.put("until_date", 0);
    return update;
  }
}
