package io.sam6d.main.rss;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which camera servers an {@code rss_url} may name. The URL comes from API clients and main-server fetches from it,
 * so in production only the hosts in {@code RSS_ALLOWED_HOSTS} are reached ({@code host} or {@code host:port},
 * comma-separated; {@code *} for any host): with none listed, no camera is reachable. In development and tests an
 * empty list means any host.
 */
public final class RssUrlPolicy {

    private final List<String> allowedHosts;
    private final boolean anyHost;
    private final boolean production;

    /** @param production the {@code prod} mode ({@code SAM6D_ENV}), where an empty allow-list allows nothing */
    public RssUrlPolicy(List<String> allowedHosts, boolean production) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
        this.anyHost = this.allowedHosts.contains("*") || this.allowedHosts.isEmpty() && !production;
        this.production = production;
    }

    /** Any host, as in development. */
    public static RssUrlPolicy anyHost() {
        return new RssUrlPolicy(List.of("*"), false);
    }

    /**
     * The camera server's base URL as a URI: absolute http(s) with a host, no credentials, query or fragment, and an
     * allowed host.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public URI check(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("rss_url is empty; give the camera server's base URL, e.g. "
                    + "http://camera-host:8080");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("rss_url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("rss_url must be an http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("rss_url must be a plain base URL (no credentials, query or "
                    + "fragment)");
        }
        if (!anyHost) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            String hostPort = host + ":" + (uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80);
            if (!allowedHosts.contains(host) && !allowedHosts.contains(hostPort)) {
                throw new IllegalArgumentException(allowedHosts.isEmpty() && production
                        ? "no camera host is allowed: list the camera servers in RSS_ALLOWED_HOSTS (host or "
                                + "host:port, comma-separated; * for any)"
                        : "rss_url host " + uri.getHost() + " is not among the allowed camera hosts "
                                + "(RSS_ALLOWED_HOSTS)");
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
