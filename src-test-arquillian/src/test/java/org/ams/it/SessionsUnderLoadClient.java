package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The client side of {@link SessionsUnderLoadIT}, kept apart so that the test class never names a client type. */
final class SessionsUnderLoadClient {

    private static final int SESSIONS_PER_USER = 3;
    private static final int THREADS_PER_SESSION = 3;
    private static final int REQUESTS_PER_THREAD = 25;
    private static final List<String> ADMIN_PAGES = List.of("admin/dashboard.xhtml", "admin/agent/devices.xhtml",
            "admin/settings/notification-channels.xhtml");

    private SessionsUnderLoadClient() {
    }

    static void eachSessionKeepsItsRoles(URL base, String deskUser, String deskPassword) throws Exception {
        List<ConsoleHttp> administrators = new ArrayList<>();
        List<ConsoleHttp> desks = new ArrayList<>();
        for (int i = 0; i < SESSIONS_PER_USER; i++) {
            administrators.add(ConsoleHttp.signIn(base, "admin", TestEnvironment.adminPassword()));
            desks.add(ConsoleHttp.signIn(base, deskUser, deskPassword));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2 * SESSIONS_PER_USER * THREADS_PER_SESSION);
        List<Future<Map<String, Integer>>> answers = new ArrayList<>();
        try {
            for (int session = 0; session < SESSIONS_PER_USER; session++) {
                for (int thread = 0; thread < THREADS_PER_SESSION; thread++) {
                    answers.add(threads.submit(load(administrators.get(session), "administrator")));
                    answers.add(threads.submit(load(desks.get(session), "helpdesk")));
                }
            }
            Map<String, Integer> counted = new TreeMap<>();
            for (Future<Map<String, Integer>> answer : answers) {
                answer.get(5, TimeUnit.MINUTES).forEach((key, count) -> counted.merge(key, count, Integer::sum));
            }
            int each = SESSIONS_PER_USER * THREADS_PER_SESSION * REQUESTS_PER_THREAD;
            assertEquals(Map.of("administrator 200", each, "helpdesk 403", each), counted,
                    "every administrator's request answered 200 and every helpdesk user's 403");
        } finally {
            threads.shutdownNow();
        }
    }

    /** Requests of administrators' pages in one session, counted by who asked and the answer's status. */
    private static Callable<Map<String, Integer>> load(ConsoleHttp session, String who) {
        return () -> {
            Map<String, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                int status = session.send(ADMIN_PAGES.get(i % ADMIN_PAGES.size())).statusCode();
                statuses.merge(who + " " + status, 1, Integer::sum);
            }
            return statuses;
        };
    }
}
