package org.peerloop.bot.admin;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request the admin API refuses, with the status and the plain sentence the operator sees as
 * {@code {"error": "..."}}. Expected outcomes, so no stack trace is kept.
 */
final class AdminProblem extends RuntimeException {

  private final HttpStatus status;

  private AdminProblem(HttpStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }

  static AdminProblem badRequest(String message) {
    return new AdminProblem(HttpStatus.BAD_REQUEST, message);
  }

  /** Every problem found in one body, so the operator can fix them all at once. */
  static AdminProblem badRequest(List<String> problems) {
    return badRequest(String.join("; ", problems));
  }

  static AdminProblem notFound(String message) {
    return new AdminProblem(HttpStatus.NOT_FOUND, message);
  }

  static AdminProblem conflict(String message) {
    return new AdminProblem(HttpStatus.CONFLICT, message);
  }

  static AdminProblem tooLarge(String message) {
    return new AdminProblem(HttpStatus.CONTENT_TOO_LARGE, message);
  }

  static AdminProblem noPartnership(String slug) {
    return notFound("no partnership \"" + slug + "\"");
  }
}
