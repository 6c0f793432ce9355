package org.peerloop.bot.channel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** With {@code PEERLOOP_SIMULATOR=false} the page and its files answer 404, like the API. */
@Component
@ConditionalOnProperty(name = "peerloop.simulator", havingValue = "false")
class SimulatorGate extends OncePerRequestFilter {

  private static final Set<String> PAGE = Set.of("/", "/index.html", "/sim.js", "/sim.css");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    if (PAGE.contains(path) || path.equals("/api/v1/sim") || path.startsWith("/api/v1/sim/")) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    chain.doFilter(request, response);
  }
}
