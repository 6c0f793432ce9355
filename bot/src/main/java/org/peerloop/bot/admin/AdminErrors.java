package org.peerloop.bot.admin;

import java.util.Map;
import org.peerloop.bot.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * How the admin API says no: always {@code {"error": "..."}} with a sentence an operator can act
 * on, never a stack trace, and never a 500 for something the request got wrong.
 */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

  private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

  static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }

  @ExceptionHandler(AdminProblem.class)
  ResponseEntity<Map<String, Object>> problem(AdminProblem e) {
    return error(e.status(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, describe(e));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<Map<String, Object>> missingPart(MissingServletRequestPartException e) {
    return error(HttpStatus.BAD_REQUEST, "a multipart body needs the CSV in a part named \"file\"");
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
    return error(HttpStatus.CONTENT_TOO_LARGE, "the upload is too large");
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> badMultipart(MultipartException e) {
    return error(HttpStatus.BAD_REQUEST, "the multipart body could not be read");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badArgument(MethodArgumentTypeMismatchException e) {
    return error(HttpStatus.BAD_REQUEST, "\"" + e.getName() + "\" has the wrong form");
  }

  @ExceptionHandler(StoreUnavailableException.class)
  ResponseEntity<Map<String, Object>> unavailable(StoreUnavailableException e) {
    return error(
        HttpStatus.SERVICE_UNAVAILABLE, "the store is not available; nothing was changed for sure");
  }

  /** A bug of ours: logged here with its trace, answered without one. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) {
    log.error("admin API request failed", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the server log");
  }

  /** Names the field whose value had the wrong type, or says the JSON itself is broken. */
  static String describe(HttpMessageNotReadableException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof StreamReadException) {
        return "the body is not valid JSON";
      }
      if (t instanceof JacksonException j) {
        String path = path(j);
        return path.isEmpty()
            ? "the body must be a JSON object of the documented shape"
            : "\"" + path + "\" has the wrong type";
      }
    }
    return "the body must be a JSON object";
  }

  private static String path(JacksonException e) {
    StringBuilder b = new StringBuilder();
    for (JacksonException.Reference r : e.getPath()) {
      if (r.getPropertyName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }
}
