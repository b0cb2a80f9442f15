package io.parkgate.config;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Checks a site file from the command line: {@code java -cp … io.parkgate.config.CheckConfig site.yaml}
 * prints {@code OK: N lanes} (exit 0) or every problem (exit 1), never a stack trace.
 */
public final class CheckConfig {

    private CheckConfig() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Does the work of {@link #main} and answers the exit status, so tests need no System.exit. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: CheckConfig <site.yaml>");
            return 2;
        }
        try {
            SiteConfig site = SiteConfigLoader.load(Path.of(args[0]));
            long posts = site.lanes().stream().map(LaneConfig::post).distinct().count();
            out.println("OK: " + site.lanes().size() + " lanes (" + posts + (posts == 1 ? " post" : " posts") + ") at "
                    + site.siteId()
                    + " " + site.siteName());
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println(args[0] + ": cannot check: " + e);
            return 1;
        }
    }
}
