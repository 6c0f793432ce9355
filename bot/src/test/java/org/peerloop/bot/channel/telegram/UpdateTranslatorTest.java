package org.peerloop.bot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerloop.bot.conversation.InboundMessage;
import org.peerloop.content.engine.Input;

/** Raw updates as Telegram sends them (shapes from the Bot API docs) → what PeerLoop sees. */
class UpdateTranslatorTest {

  private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");
  private final UpdateTranslator translator = new UpdateTranslator(() -> "PeerLoopBot");

  private static final String FROM =
      "\"from\":{\"id\":5551234,\"is_bot\":false,\"first_name\":\"Amina\",\"language_code\":\"sw\"}";
  private static final String PRIVATE =
      "\"chat\":{\"id\":5551234,\"first_name\":\"Amina\",\"type\":\"private\"}";
  private static final String GROUP =
      "\"chat\":{\"id\":-100777,\"title\":\"Kisumu–Isiolo\",\"type\":\"supergroup\"}";

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            "text",
            "{\"update_id\":1001,\"message\":{\"message_id\":7,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"text\":\"7\"}}",
            new Translated.Message(inbound("1001", new Input.Text("7")), 5551234, "sw")),
        Arguments.of(
            "command with an argument (a /start deep link)",
            "{\"update_id\":1002,\"message\":{\"message_id\":8,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"text\":\"/start ABC123\","
                + "\"entities\":[{\"offset\":0,\"length\":6,\"type\":\"bot_command\"}]}}",
            new Translated.Message(
                inbound("1002", new Input.Text("/start ABC123")), 5551234, "sw")),
        Arguments.of(
            "emoji only",
            "{\"update_id\":1003,\"message\":{\"message_id\":9,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"text\":\"\\ud83d\\udc4d\\ud83c\\udffd\"}}",
            new Translated.Message(
                inbound("1003", new Input.Text("\ud83d\udc4d\ud83c\udffd")), 5551234, "sw")),
        Arguments.of(
            "button tap",
            "{\"update_id\":1004,\"callback_query\":{\"id\":\"4382bfdwdsb323b2d9\","
                + FROM
                + ",\"message\":{\"message_id\":12,"
                + PRIVATE
                + ",\"date\":1764000000,\"text\":\"How is it going?\"},"
                + "\"chat_instance\":\"-8123\",\"data\":\"checkin.progress:7\"}}",
            new Translated.Tap(
                inbound("1004", new Input.Tap("checkin.progress:7")),
                "4382bfdwdsb323b2d9",
                5551234,
                12,
                "sw")),
        Arguments.of(
            "tap on a message too old to be shown (inaccessible: date 0)",
            "{\"update_id\":1005,\"callback_query\":{\"id\":\"77\","
                + FROM
                + ",\"message\":{\"message_id\":3,"
                + PRIVATE
                + ",\"date\":0},\"chat_instance\":\"-8123\",\"data\":\"checkin.progress:7\"}}",
            new Translated.Tap(
                inbound("1005", new Input.Tap("checkin.progress:7")), "77", 5551234, 3, "sw")),
        Arguments.of(
            "tap without data (a game button)",
            "{\"update_id\":1006,\"callback_query\":{\"id\":\"78\","
                + FROM
                + ",\"chat_instance\":\"-8123\",\"game_short_name\":\"x\"}}",
            new Translated.DeadTap("78", "sw")),
        Arguments.of(
            "voice note",
            "{\"update_id\":1007,\"message\":{\"message_id\":13,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"voice\":{\"file_id\":\"AwACAgQAAxk\","
                + "\"file_unique_id\":\"AgAD\",\"duration\":4,\"mime_type\":\"audio/ogg\","
                + "\"file_size\":9000}}}",
            new Translated.Message(
                inbound("1007", new Input.Media("telegram-file:AwACAgQAAxk", "audio/ogg")),
                5551234,
                "sw")),
        Arguments.of(
            "photo with a caption: the largest size",
            "{\"update_id\":1008,\"message\":{\"message_id\":14,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"caption\":\"the new desk\",\"photo\":["
                + "{\"file_id\":\"small\",\"file_unique_id\":\"s\",\"width\":90,\"height\":60},"
                + "{\"file_id\":\"large\",\"file_unique_id\":\"l\",\"width\":1280,\"height\":853}]}}",
            new Translated.Message(
                inbound("1008", new Input.Media("telegram-file:large", "image/jpeg")),
                5551234,
                "sw")),
        Arguments.of(
            "edited message: deliberately ignored",
            "{\"update_id\":1009,\"edited_message\":{\"message_id\":7,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"edit_date\":1764000100,\"text\":\"8\"}}",
            new Translated.Ignored("edited message")),
        Arguments.of(
            "sticker: nothing to read",
            "{\"update_id\":1010,\"message\":{\"message_id\":15,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"sticker\":{\"file_id\":\"st\",\"file_unique_id\":\"u\","
                + "\"type\":\"regular\",\"width\":512,\"height\":512,\"is_animated\":false,"
                + "\"is_video\":false}}}",
            new Translated.Ignored("nothing we can read (sticker, location, …)")),
        Arguments.of(
            "another bot",
            "{\"update_id\":1011,\"message\":{\"message_id\":16,"
                + "\"from\":{\"id\":99,\"is_bot\":true,\"first_name\":\"Spam\"},"
                + PRIVATE
                + ",\"date\":1764000000,\"text\":\"hi\"}}",
            new Translated.Ignored("not from a person")),
        Arguments.of(
            "group command addressed to us",
            "{\"update_id\":1012,\"message\":{\"message_id\":17,"
                + FROM
                + ","
                + GROUP
                + ",\"date\":1764000000,\"text\":\"/checkin@PeerLoopBot now\","
                + "\"entities\":[{\"offset\":0,\"length\":20,\"type\":\"bot_command\"}]}}",
            new Translated.GroupCommand(1012, -100777, 5551234, "checkin", "now", "sw")),
        Arguments.of(
            "group /link with its code, the sender named",
            "{\"update_id\":1020,\"message\":{\"message_id\":22,"
                + FROM
                + ","
                + GROUP
                + ",\"date\":1764000000,\"text\":\"/link K7QX-2MPA\","
                + "\"entities\":[{\"offset\":0,\"length\":5,\"type\":\"bot_command\"}]}}",
            new Translated.GroupCommand(1020, -100777, 5551234, "link", "K7QX-2MPA", "sw")),
        Arguments.of(
            "added to a group with a startgroup link: /start CODE in the group",
            "{\"update_id\":1021,\"message\":{\"message_id\":23,"
                + FROM
                + ","
                + GROUP
                + ",\"date\":1764000000,\"text\":\"/start@PeerLoopBot K7QX2MPA\","
                + "\"entities\":[{\"offset\":0,\"length\":18,\"type\":\"bot_command\"}]}}",
            new Translated.GroupCommand(1021, -100777, 5551234, "start", "K7QX2MPA", "sw")),
        Arguments.of(
            "the bot removed from a group",
            "{\"update_id\":1022,\"my_chat_member\":{"
                + GROUP
                + ","
                + FROM
                + ",\"date\":1764000000,"
                + "\"old_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"P\"},"
                + "\"status\":\"member\"},"
                + "\"new_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"P\"},"
                + "\"status\":\"kicked\",\"until_date\":0}}}",
            new Translated.LeftGroup(-100777)),
        Arguments.of(
            "the bot added to a group: nothing to do until /link",
            "{\"update_id\":1023,\"my_chat_member\":{"
                + GROUP
                + ","
                + FROM
                + ",\"date\":1764000000,"
                + "\"old_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"P\"},"
                + "\"status\":\"left\"},"
                + "\"new_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"P\"},"
                + "\"status\":\"member\"}}}",
            new Translated.Ignored("membership change: supergroup member")),
        Arguments.of(
            "a person blocked the bot in their private chat (the outbox learns it on send)",
            "{\"update_id\":1024,\"my_chat_member\":{"
                + PRIVATE
                + ","
                + FROM
                + ",\"date\":1764000000,"
                + "\"old_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"P\"},"
                + "\"status\":\"member\"},"
                + "\"new_chat_member\":{\"user\":{\"id\":42,\"is_bot\":true,\"first_name\":\"P\"},"
                + "\"status\":\"kicked\",\"until_date\":0}}}",
            new Translated.Ignored("membership change: private kicked")),
        Arguments.of(
            "group command for another bot",
            "{\"update_id\":1013,\"message\":{\"message_id\":18,"
                + FROM
                + ","
                + GROUP
                + ",\"date\":1764000000,\"text\":\"/checkin@OtherBot\","
                + "\"entities\":[{\"offset\":0,\"length\":17,\"type\":\"bot_command\"}]}}",
            new Translated.Ignored("command for another bot")),
        Arguments.of(
            "group chatter (privacy mode off) is not collected",
            "{\"update_id\":1014,\"message\":{\"message_id\":19,"
                + FROM
                + ","
                + GROUP
                + ",\"date\":1764000000,\"text\":\"my trust score is 3\"}}",
            new Translated.Ignored("group message that is not a command")),
        Arguments.of(
            "group migrated to a supergroup",
            "{\"update_id\":1015,\"message\":{\"message_id\":20,"
                + FROM
                + ",\"chat\":{\"id\":-4001,\"title\":\"K–I\",\"type\":\"group\"},"
                + "\"date\":1764000000,\"migrate_to_chat_id\":-1004001}}",
            new Translated.GroupMigrated(-4001, -1004001)),
        Arguments.of(
            "channel post",
            "{\"update_id\":1016,\"channel_post\":{\"message_id\":1,"
                + "\"chat\":{\"id\":-1009,\"title\":\"News\",\"type\":\"channel\"},"
                + "\"date\":1764000000,\"text\":\"hello\"}}",
            new Translated.Ignored("update without a message")),
        Arguments.of(
            "fields from a newer Bot API are ignored",
            "{\"update_id\":1017,\"message\":{\"message_id\":21,"
                + FROM
                + ","
                + PRIVATE
                + ",\"date\":1764000000,\"text\":\"ok\",\"some_future_field\":{\"a\":1}},"
                + "\"another_future_update\":true}",
            new Translated.Message(inbound("1017", new Input.Text("ok")), 5551234, "sw")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void translates(String name, String json, Translated expected) {
    assertThat(translator.translate(TelegramJson.update(bytes(json)), AT)).isEqualTo(expected);
  }

  @Test
  void whileTheBotsNameIsUnknownAddressedGroupCommandsAreNotClaimed() {
    UpdateTranslator early = new UpdateTranslator(() -> null);
    String json =
        "{\"update_id\":1,\"message\":{\"message_id\":1,"
            + FROM
            + ","
            + GROUP
            + ",\"date\":1764000000,\"text\":\"/help@PeerLoopBot\","
            + "\"entities\":[{\"offset\":0,\"length\":17,\"type\":\"bot_command\"}]}}";
    assertThat(early.translate(TelegramJson.update(bytes(json)), AT))
        .isEqualTo(new Translated.Ignored("command for another bot"));
  }

  @Test
  void refusesWhatIsNotAnUpdate() {
    assertThatThrownBy(() -> TelegramJson.update(bytes("{\"message\":{}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("update_id");
    assertThatThrownBy(() -> TelegramJson.update(bytes("{not json")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TelegramJson.update(bytes("[1,2]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TelegramJson.update(bytes("{\"update_id\":\"x\"}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static InboundMessage inbound(String updateId, Input input) {
    return new InboundMessage("telegram", "5551234", updateId, input, AT);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
