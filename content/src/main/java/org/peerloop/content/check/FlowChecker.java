package org.peerloop.content.check;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.peerloop.content.flow.Durations;
import org.peerloop.content.flow.Flow;
import org.peerloop.content.flow.FlowLibrary;
import org.peerloop.content.flow.Question;
import org.peerloop.content.flow.Step;
import org.peerloop.content.flow.Wait;

/**
 * Checks every revision of every flow and the catalogue, and lists all problems at once rather than
 * stopping at the first. The build runs it over the shipped content and fails on any.
 */
public final class FlowChecker {

  private FlowChecker() {}

  public static List<Problem> check(FlowLibrary library) {
    List<Problem> problems = new ArrayList<>();
    for (Flow flow : library.all()) {
      checkGraph(flow, problems);
      TextChecks.checkFlow(flow, library.catalog(), problems);
    }
    TextChecks.checkSystem(library.catalog(), problems);
    return problems;
  }

  private static void checkGraph(Flow flow, List<Problem> problems) {
    for (Step step : flow.steps()) {
      String where = flow.label() + " " + step.id();
      if (!exists(flow, step.next())) {
        problems.add(
            new Problem(Rule.DANGLING_STEP, where, "next is '" + step.next() + "', no such step"));
      }
      if (step.question().waits()) {
        waitProblems(step.timeouts())
            .forEach(p -> problems.add(new Problem(Rule.WAIT_WITHOUT_TIMEOUT, where, p)));
      }
      if (step.about() != null && flow.step(step.about()).isEmpty()) {
        problems.add(
            new Problem(Rule.DANGLING_STEP, where, "about '" + step.about() + "', no such step"));
      }
      if (step.question() instanceof Question.Lowest lowest) {
        lowest.of().stream()
            .filter(
                rated ->
                    flow.step(rated).filter(s -> s.question() instanceof Question.Rating).isEmpty())
            .forEach(
                rated ->
                    problems.add(
                        new Problem(
                            Rule.DANGLING_STEP,
                            where,
                            "lowest of '" + rated + "', which is not a rating step")));
      }
      Set<String> categories = new LinkedHashSet<>(step.question().categories());
      if (step.mayBeSkipped()) {
        categories.add("skipped");
      }
      step.branches()
          .forEach(
              (category, target) -> {
                if (!exists(flow, target)) {
                  problems.add(
                      new Problem(
                          Rule.BRANCH_TO_NOTHING,
                          where,
                          "branch " + category + " goes to '" + target + "', no such step"));
                } else if (!categories.contains(category)) {
                  problems.add(
                      new Problem(
                          Rule.BRANCH_TO_NOTHING,
                          where,
                          "branch on '" + category + "', which no answer produces " + categories));
                }
              });
    }
    Set<String> reached = reachable(flow);
    flow.steps().stream()
        .filter(s -> !reached.contains(s.id()))
        .forEach(
            s ->
                problems.add(
                    new Problem(
                        Rule.UNREACHABLE_STEP,
                        flow.label() + " " + s.id(),
                        "no path from " + flow.first().id() + " leads here")));
  }

  /** What is wrong with a question's wait, one sentence per problem; empty when it is sound. */
  static List<String> waitProblems(Wait wait) {
    List<Duration> reminders = wait.reminders();
    if (wait.complete() && reminders.size() <= Wait.MAX_REMINDERS) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (reminders.isEmpty()) {
      out.add("waits without remind-after");
    }
    if (wait.expireAfter() == null) {
      out.add("waits without expire-after");
    }
    if (reminders.size() > Wait.MAX_REMINDERS) {
      out.add(
          "remind-after lists "
              + reminders.size()
              + " reminders; at most "
              + Wait.MAX_REMINDERS
              + " are allowed");
    }
    for (int i = 1; i < reminders.size(); i++) {
      if (reminders.get(i).compareTo(reminders.get(i - 1)) <= 0) {
        out.add(
            "remind-after must increase: reminder "
                + (i + 1)
                + " ("
                + Durations.format(reminders.get(i))
                + ") is not after reminder "
                + i
                + " ("
                + Durations.format(reminders.get(i - 1))
                + ")");
      }
    }
    if (wait.expireAfter() != null) {
      for (int i = 0; i < reminders.size(); i++) {
        if (reminders.get(i).compareTo(wait.expireAfter()) >= 0) {
          out.add(
              "reminder "
                  + (i + 1)
                  + " ("
                  + Durations.format(reminders.get(i))
                  + ") is not before expire-after ("
                  + Durations.format(wait.expireAfter())
                  + ")");
        }
      }
    }
    return out;
  }

  private static Set<String> reachable(Flow flow) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(flow.first().id()));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (!seen.add(id)) {
        continue;
      }
      flow.step(id)
          .ifPresent(
              step -> {
                todo.push(step.next());
                step.branches().values().forEach(todo::push);
              });
    }
    return seen;
  }

  private static boolean exists(Flow flow, String target) {
    return Step.END.equals(target) || flow.step(target).isPresent();
  }
}
