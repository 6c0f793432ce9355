package org.peerloop.bot.admin;

import org.peerloop.bot.config.PeerLoopProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link AdminOnly} in front of every handler. */
@Configuration(proxyBeanMethods = false)
class AdminWebConfiguration implements WebMvcConfigurer {

  private final PeerLoopProperties properties;

  AdminWebConfiguration(PeerLoopProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    String token = properties.adminToken();
    registry.addInterceptor(new AdminOnly(token != null && !token.isBlank()));
  }
}
