package org.peerloop.bot.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.peerloop.bot.config.PeerLoopProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Recognises the operator: a request bearing {@code PEERLOOP_ADMIN_TOKEN} gets the principal {@code
 * admin}, which unlocks health details and the admin API. Anyone else asking for an admin path
 * ({@link AdminPaths}) is answered 401 here, before routing, so an unknown admin path does not tell
 * a stranger whether it exists. With no token configured nobody is the operator.
 */
@Component
class AdminTokenFilter extends OncePerRequestFilter {

  static final String ADMIN = "admin";
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";
  private final byte[] token;

  AdminTokenFilter(PeerLoopProperties properties) {
    String t = properties.adminToken();
    this.token = t == null || t.isBlank() ? null : t.strip().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isAdmin(request)) {
      chain.doFilter(new AdminRequest(request), response);
    } else if (AdminPaths.needsAdmin(
        request.getRequestURI().substring(request.getContextPath().length()))) {
      AdminOnly.refuse(request, response, token != null);
    } else {
      chain.doFilter(request, response);
    }
  }

  boolean isAdmin(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (token == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, given);
  }

  private static final class AdminRequest extends HttpServletRequestWrapper {
    private static final Principal PRINCIPAL = () -> ADMIN;

    AdminRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Principal getUserPrincipal() {
      return PRINCIPAL;
    }

    @Override
    public boolean isUserInRole(String role) {
      return ADMIN.equalsIgnoreCase(role) || "ADMIN".equals(role);
    }

    /**
     * The admin API has no form endpoints: a body sent with no type, or as a form (what {@code curl
     * -d} does unless told otherwise), is read as the JSON it almost certainly is.
     */
    @Override
    public String getContentType() {
      String type = super.getContentType();
      if (type == null || type.isBlank() || type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
        return JSON;
      }
      return type;
    }

    @Override
    public String getHeader(String name) {
      return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return "content-type".equalsIgnoreCase(name)
          ? Collections.enumeration(List.of(getContentType()))
          : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      if (names.stream().noneMatch("content-type"::equalsIgnoreCase)) {
        names.add("Content-Type");
      }
      return Collections.enumeration(names);
    }
  }
}
