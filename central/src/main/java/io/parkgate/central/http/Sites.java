package io.parkgate.central.http;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.group.SiteRecords;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compounds this central serves, and which one a request is about. A request names its site with the header
 * {@value #HEADER} (the console sends the site it works at) or the parameter {@code site}; without either, the one
 * site the caller holds a role at among those served (or the only site served). A site the caller holds no role at
 * is refused (403, {@link Principal#SITE_FORBIDDEN}) before any service runs; a record addressed by id is checked
 * against the site it belongs to, whatever the request named.
 */
public final class Sites {

    public static final String HEADER = "X-Parkgate-Site";

    private final Map<String, SiteServices> sites = new LinkedHashMap<>();
    private final SiteRecords records;

    public Sites(List<SiteServices> served, SiteRecords records) {
        served.forEach(s -> sites.put(s.site(), s));
        this.records = records;
    }

    /** Every site served, the first site file's first. */
    public List<SiteServices> all() {
        return List.copyOf(sites.values());
    }

    /** The site's services; NOT_FOUND when this central does not serve it. */
    public SiteServices of(String site) {
        SiteServices s = sites.get(site);
        if (s == null) {
            throw CentralException.notFound("site " + site + " is not served here; sites are " + sites.keySet());
        }
        return s;
    }

    /** The site the request is about, checked: the caller holds a role there. */
    public SiteServices at(RoutingContext ctx) {
        return at(Http.principal(ctx), named(ctx));
    }

    /** The site named (null: the caller's default one), checked: the caller holds a role there. */
    public SiteServices at(Principal p, String named) {
        return held(p, named == null ? defaultSite(p) : named);
    }

    /** The site named by the request, or null. */
    public static String named(RoutingContext ctx) {
        String h = ctx.request().getHeader(HEADER);
        String q = ctx.request().getParam("site");
        String s = q != null && !q.isBlank() ? q.trim() : h != null && !h.isBlank() ? h.trim() : null;
        return s;
    }

    /** The site's services when the caller holds a role there; FORBIDDEN (a site of the group) or NOT_FOUND. */
    public SiteServices held(Principal p, String site) {
        if (!p.holds(site)) {
            throw CentralException.forbidden(Principal.SITE_FORBIDDEN + ": " + p.username() + " holds no role at site "
                    + site);
        }
        return of(site);
    }

    private String defaultSite(Principal p) {
        if (sites.size() == 1) {
            return sites.keySet().iterator().next();
        }
        List<String> mine = sites.keySet().stream().filter(s -> p.grants().containsKey(s)).toList();
        if (mine.size() == 1 && !p.group()) {
            return mine.get(0);
        }
        throw CentralException.badRequest("SITE_REQUIRED: name the site (header " + HEADER + " or parameter 'site'),"
                + " one of " + sites.keySet().stream().filter(p::holds).toList());
    }

    /** The sites served that the caller holds a role at, in order. */
    public List<String> heldBy(Principal p) {
        return sites.keySet().stream().filter(p::holds).toList();
    }

    /**
     * The site of an exception case, checked: the case's own site, which the caller must hold a role at (so a
     * supervisor of one compound cannot touch another's case by its id). NOT_FOUND when there is no such case.
     */
    public Future<SiteServices> ofException(RoutingContext ctx, String id) {
        return records.siteOf(SiteRecords.Kind.EXCEPTION, id).map(site -> held(Http.principal(ctx),
                site.orElseThrow(() -> CentralException.notFound("exception " + id + " not found"))));
    }

    /** The site of a shift, checked as {@link #ofException}. */
    public Future<SiteServices> ofShift(RoutingContext ctx, String id) {
        return records.siteOf(SiteRecords.Kind.SHIFT, id).map(site -> held(Http.principal(ctx),
                site.orElseThrow(() -> CentralException.notFound("shift " + id + " not found"))));
    }

    /** The site of a handover form (by id; a form number is looked up at the request's site), checked. */
    public Future<SiteServices> ofHandover(RoutingContext ctx, String idOrFormNo) {
        return records.siteOf(SiteRecords.Kind.HANDOVER, idOrFormNo).map(site -> site.isPresent()
                ? held(Http.principal(ctx), site.get()) : at(ctx));
    }

    public SiteRecords records() {
        return records;
    }
}
