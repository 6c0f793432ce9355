package org.peerloop.content.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerloop.content.TestContent;

class WordsTest {

  private final Words words = TestContent.shipped().catalog().words();

  @ParameterizedTest
  @CsvSource({
    "' Sept! ',sept",
    "ZÉRO,zero",
    "Quit   Flow.,quit flow",
    "７,7",
    "-1,-1",
    "D’Accord,d'accord"
  })
  void normalisingIgnoresCaseAccentsSpacingAndTrailingFullStops(String raw, String normalized) {
    assertThat(Words.normalize(raw)).isEqualTo(normalized);
  }

  @ParameterizedTest
  @ValueSource(strings = {"stop", "unsubscribe", "end all", "opt out", "cancel all"})
  void channelOptOutWordsAreNeverFlowControlWords(String word) {
    // the bot handles these before the engine; if the engine knew them it would shadow opt-out
    assertThat(words.control(word)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "sw", "fr"})
  void everyListedControlAndYesNoWordIsUnderstood(String language) {
    String path = "words/" + language + ".yaml";
    var tree = Yamls.read(ContentSource.classpath().read(path).orElseThrow(), path);
    for (Words.Control control : Words.Control.values()) {
      for (String word :
          Yamls.asStrings(tree.get(control.name().toLowerCase(java.util.Locale.ROOT)), path)) {
        assertThat(words.control(word)).as(word).contains(control);
        assertThat(words.control(" " + word.toUpperCase() + "! ")).as(word).contains(control);
      }
    }
    Yamls.asStrings(tree.get("yes"), path).forEach(w -> assertThat(words.yesNo(w)).contains(true));
    Yamls.asStrings(tree.get("no"), path).forEach(w -> assertThat(words.yesNo(w)).contains(false));
  }

  @Test
  void theHintWordIsTheFirstOfTheLanguagesList() {
    assertThat(words.hint("sw", Words.Control.SKIP)).isEqualTo("ruka");
    assertThat(words.hint("fr", Words.Control.BACK)).isEqualTo("retour");
    assertThat(words.hint("xx", Words.Control.CANCEL)).isEqualTo("cancel");
  }

  @Test
  void yamlYesAndNoStayWordsNotBooleans() {
    assertThat(words.yesNo("yes")).contains(true);
    assertThat(words.yesNo("no")).contains(false);
  }

  @Test
  void aWordWithTwoMeaningsAcrossLanguagesIsRefused(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("words"));
    Files.writeString(dir.resolve("languages.yaml"), "languages: [en, sw]\n");
    Files.writeString(
        dir.resolve("words/sw.yaml"),
        "skip: [ruka]\nback: [rudi]\ncancel: [ghairi]\nyes: [ndiyo]\nno: [seven]\nnumbers: {}\n");

    assertThatThrownBy(() -> Catalog.load(ContentSource.directory(dir)))
        .isInstanceOf(ContentFormatException.class)
        .hasMessage("words/sw.yaml: 'seven' already means 7 in another word list");
  }
}
