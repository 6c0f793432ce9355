package org.peerloop.bot.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The admin API's door. {@link AdminTokenFilter} turns away requests to admin paths ({@link
 * AdminPaths}) before routing; this interceptor checks again once routing chose a handler, so a
 * controller of this package never runs for anyone but the operator, however its path was spelled.
 */
final class AdminOnly implements HandlerInterceptor {

  static final String PACKAGE = AdminOnly.class.getPackageName();

  private final boolean configured;

  AdminOnly(boolean configured) {
    this.configured = configured;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (handler instanceof HandlerMethod m
        && m.getBeanType().getPackageName().equals(PACKAGE)
        && !isAdmin(request)) {
      refuse(request, response, configured);
      return false;
    }
    return true;
  }

  static boolean isAdmin(HttpServletRequest request) {
    Principal p = request.getUserPrincipal();
    return p != null && AdminTokenFilter.ADMIN.equals(p.getName());
  }

  /** 401 with a bearer challenge and {@code {"error": "..."}} saying what was missing. */
  static void refuse(HttpServletRequest request, HttpServletResponse response, boolean configured)
      throws IOException {
    String message;
    if (!configured) {
      message = "the admin API is off: PEERLOOP_ADMIN_TOKEN is not set on the server";
    } else if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      message = "the bearer token is not the admin token";
    } else {
      message = "the admin API needs Authorization: Bearer <PEERLOOP_ADMIN_TOKEN>";
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"error\":\"" + message + "\"}");
  }
}
