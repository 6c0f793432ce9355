package org.peerloop.bot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+254712345612 | +2547\u2022\u2022\u2022\u2022\u2022\u202212",
        "+12345678     | +1234\u2022\u202278",
        "@amina_k      | @am\u2022\u2022\u2022\u2022\u2022",
        "@abcde        | @ab\u2022\u2022\u2022",
      })
  void masksShowTooLittleToUse(String handle, String masked) {
    assertThat(Handles.mask(handle)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({"+254712345678, +254712345678", "@Amina_K, @amina_k"})
  void keysIgnoreTheCaseOfUsernames(String text, String key) {
    Handles.Read read = Handles.read(text);

    assertThat(read).isInstanceOf(Handles.Ok.class);
    assertThat(((Handles.Ok) read).handle().key()).isEqualTo(key);
  }
}
