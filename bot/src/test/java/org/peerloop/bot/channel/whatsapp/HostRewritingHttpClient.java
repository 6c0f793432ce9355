package org.peerloop.bot.channel.whatsapp;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sends the Twilio SDK's requests for {@code https://*.twilio.com} to another base URL: a local
 * fake in tests, or a proxy. The SDK has no setting for its base URL; every resource builds its
 * Request for "https://{product}.twilio.com{path}", so this client rewrites each Request before a
 * delegate (by default the SDK's own {@link NetworkHttpClient}) sends it.
 *
 * <p>The target keeps the Twilio URL's path and query string, after the SDK has applied its region
 * and edge (product.edge.region.twilio.com) and added the query parameters, and puts them under the
 * base URL, whose own path (if any) becomes a prefix: with base {@code http://127.0.0.1:8080/tw},
 * {@code https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json} goes to {@code
 * http://127.0.0.1:8080/tw/2010-04-01/Accounts/AC1/Messages.json}. Every Twilio host maps to the
 * one base URL, so requests to different products are told apart by their path only. A request to
 * any other host is sent unchanged.
 *
 * <p>Everything else of the request is kept: method, credentials (user and password, or an auth
 * strategy), headers, form and query parameters, JSON or multipart bodies, content type and user
 * agent extensions. Retries are this client's (the SDK's {@link HttpClient#reliableRequest}: a 5xx
 * is tried three times in all); the delegate is asked for one attempt at a time. Redirects are the
 * delegate's business: a {@link NetworkHttpClient} follows none.
 */
public final class HostRewritingHttpClient extends HttpClient {

  private final String base;
  private final HttpClient delegate;

  /** Sends through a new {@link NetworkHttpClient} with the SDK's default settings. */
  public HostRewritingHttpClient(String baseUrl) {
    this(baseUrl, new NetworkHttpClient());
  }

  public HostRewritingHttpClient(String baseUrl, HttpClient delegate) {
    this.base = checkedBase(baseUrl);
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Response makeRequest(Request request) {
    return delegate.makeRequest(rewrite(request));
  }

  /** The request as it will be sent: the same one when its host is not Twilio's. */
  Request rewrite(Request request) {
    URI twilio = toUri(request.constructURL());
    if (!isTwilio(twilio)) {
      return request;
    }
    String target = base + (twilio.getRawPath() == null ? "" : twilio.getRawPath());
    if (twilio.getRawQuery() != null) {
      target += "?" + twilio.getRawQuery();
    }
    try {
      return new Rewritten(request, new URI(target).toURL());
    } catch (URISyntaxException | MalformedURLException e) {
      throw new IllegalArgumentException("cannot send " + twilio + " to " + base, e);
    }
  }

  private static boolean isTwilio(URI uri) {
    String host = uri.getHost();
    if (host == null || !"https".equalsIgnoreCase(uri.getScheme())) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("twilio.com") || host.endsWith(".twilio.com");
  }

  private static URI toUri(URL url) {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: " + url, e);
    }
  }

  /** An absolute http(s) URL without query or fragment; kept without its trailing slashes. */
  private static String checkedBase(String baseUrl) {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(baseUrl, "baseUrl"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + baseUrl, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the base URL must be http(s)://host[:port][/path], without user, query or fragment: "
              + baseUrl);
    }
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /**
   * A copy of the SDK's request that goes to a fixed URL. The SDK's clients ask the request for its
   * URL through {@link Request#constructURL()}, which would otherwise rebuild it from the host
   * name, treating a dotted host (an IP address, "fake.test") as product.region.twilio.com and
   * encoding the path again; overriding it sends the request exactly where it was rewritten to.
   */
  private static final class Rewritten extends Request {
    private final URL url;

    Rewritten(Request original, URL url) {
      super(original.getMethod(), url.toString());
      this.url = url;
      if (original.getUsername() != null && original.getPassword() != null) {
        setAuth(original.getUsername(), original.getPassword());
      } else if (original.getAuthStrategy() != null) {
        setAuth(original.getAuthStrategy());
      }
      copy(original.getQueryParams(), queryParams);
      copy(original.getPostParams(), postParams);
      copy(original.getHeaderParams(), headerParams);
      if (original.getFormParameters() != null) {
        setFormParameters(original.getFormParameters());
      }
      setContentType(original.getContentType());
      setBody(original.getBody());
      setUserAgentExtensions(original.getUserAgentExtensions());
    }

    // Straight into the maps: addPostParam and friends would drop a value spelled "null".
    private static void copy(Map<String, List<String>> from, Map<String, List<String>> to) {
      from.forEach((name, values) -> to.put(name, new ArrayList<>(values)));
    }

    @Override
    public URL constructURL() {
      return url;
    }
  }
}
