package org.peerloop.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactKeyRuleTest {

  private static final CollectionSpec SPEC =
      CollectionSpec.hot("sessions", List.of(List.of("channel", "externalId")));

  @ParameterizedTest(name = "{0} -> allowed={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{_id: 'a'}                                   | true",
        "{_id: {$in: ['a', 'b']}}                     | true",
        "{_id: {member: 'm1', week: 'w'}}             | true",
        "{channel: 'web', externalId: 'x'}            | true",
        "{externalId: 'x', channel: 'web'}            | true",
        "{channel: 'web', externalId: {$in: ['x']}}   | true",
        "{}                                           | false",
        "{_id: 'a', version: 3}                       | false",
        "{_id: 'a', state: 'queued'}                  | false",
        "{channel: 'web'}                             | false",
        "{state: 'queued'}                            | false",
        "{_id: {$gt: 'a'}}                            | false",
        "{_id: {$in: ['a'], $nin: ['b']}}             | false",
        "{_id: {$ne: 'a'}}                            | false",
        "{$or: [{_id: 'a'}, {_id: 'b'}]}              | false",
      })
  void allowsOnlyExactKeysComparedByEqualityOrIn(String filter, boolean allowed) {
    assertThat(ExactKeyRule.violation(SPEC, BsonDocument.parse(filter)).isEmpty())
        .isEqualTo(allowed);
  }
}
