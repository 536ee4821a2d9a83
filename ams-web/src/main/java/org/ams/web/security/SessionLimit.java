package org.ams.web.security;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.access.AccessSettingsService;

/**
 * The longest a console session lasts after its sign-in (Settings / Authentication), whatever its activity or an
 * identity provider's token says. Every request of a signed-in session is checked against it, so it is read from the
 * database at most every {@link #REREAD}: a change made on another server of a cluster applies here within that time,
 * one made here at once ({@link #changed}).
 */
@ApplicationScoped
public class SessionLimit {

    static final Duration REREAD = Duration.ofSeconds(30);
    /** The limit until the settings have been read once: the migration's default. */
    static final Duration DEFAULT = Duration.ofMinutes(600);
    /** The session attribute that tells the sign-in page that the previous session ended at its limit. */
    static final String ENDED = SessionLimit.class.getName() + ".ended";
    private static final Logger LOG = Logger.getLogger(SessionLimit.class.getName());

    @EJB
    private AccessSettingsService settings;

    private volatile Read last;

    private record Read(Duration longest, Instant at) {
    }

    /** The longest a session lasts now. */
    public Duration longest() {
        Read read = last;
        Instant now = Instant.now();
        if (read == null || !now.isBefore(read.at().plus(REREAD))) {
            try {
                read = new Read(Duration.ofMinutes(settings.current().getMaxSessionMinutes()), now);
            } catch (EJBException e) {
                // The database does not answer: keep what was read last, and try again at the next request.
                LOG.log(Level.FINE, "The session limit could not be read", e);
                return read == null ? DEFAULT : read.longest();
            }
            last = read;
        }
        return read.longest();
    }

    /**
     * Whether the request's session is the one that replaced a session ended at its limit, and that limit in minutes;
     * said once, then forgotten.
     */
    public static OptionalLong takeEnded(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object ended = session == null ? null : session.getAttribute(ENDED);
        if (!(ended instanceof Long minutes)) {
            return OptionalLong.empty();
        }
        session.removeAttribute(ENDED);
        return OptionalLong.of(minutes);
    }

    /** A change saved on this server: it applies to the next request. */
    public void changed(int minutes) {
        last = new Read(Duration.ofMinutes(minutes), Instant.now());
    }
}
