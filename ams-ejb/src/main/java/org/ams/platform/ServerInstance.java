package org.ams.platform;

import jakarta.persistence.Query;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Which server, and which process of it, holds a claim on background work. A server is its data directory (each
 * server of a cluster has its own, README's cluster section): its id is made at its first start and kept in the file
 * {@value #FILE} there. A process is that id and a random one of its own. A claim that names an earlier process of
 * this server was left by a process that stopped or died with work under way: nothing else can be holding it, so the
 * new process takes it back at once instead of waiting for its lease to run out.
 * <p>
 * A data directory that cannot be written gives a process an id of its own; its claims are then only ever given back
 * when their leases run out.
 */
public final class ServerInstance {

    static final String FILE = "server-id";
    private static final Logger LOG = Logger.getLogger(ServerInstance.class.getName());
    private static final String PROCESS = UUID.randomUUID().toString();
    private static volatile String server;

    private ServerInstance() {
    }

    /** This process of this server: {@code <server id>/<process id>}, at most 73 characters. */
    public static String process() {
        return server() + "/" + PROCESS;
    }

    /** Whether {@code holder} (a {@link #process()} recorded with a claim) is an earlier process of this server. */
    public static boolean earlierProcessOfThisServer(String holder) {
        return holder != null && holder.startsWith(server() + "/") && !holder.equals(process());
    }

    /** A JPQL/SQL {@code LIKE} pattern that matches every process of this server, this one included. */
    public static String processesOfThisServer() {
        return server() + "/%";
    }

    /**
     * A JPQL condition: the claim of the entity with the alias {@code alias} (its {@code claimedBy}) was left by an
     * earlier process of this server, so nothing else can be holding it. Bind its parameters with
     * {@link #bindProcess}.
     */
    public static String leftByEarlierProcess(String alias) {
        return "(" + alias + ".claimedBy LIKE :thisServer AND " + alias + ".claimedBy <> :thisProcess)";
    }

    /** Binds {@code :thisServer} and {@code :thisProcess}: this server's processes and this process. */
    public static <Q extends Query> Q bindProcess(Q query) {
        query.setParameter("thisServer", processesOfThisServer());
        query.setParameter("thisProcess", process());
        return query;
    }

    private static String server() {
        String known = server;
        if (known == null) {
            synchronized (ServerInstance.class) {
                if (server == null) {
                    server = readOrCreate(AmsSettings.current().dataDirectory().resolve(FILE));
                }
                known = server;
            }
        }
        return known;
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return UUID.fromString(Files.readString(file, StandardCharsets.US_ASCII).strip()).toString();
            }
            String made = UUID.randomUUID().toString();
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.writeString(written, made + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.deleteIfExists(written);
                if (!Files.exists(file)) {
                    throw e;
                }
            }
            return UUID.fromString(Files.readString(file, StandardCharsets.US_ASCII).strip()).toString();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning(() -> "Cannot keep this server's id in " + file + " (" + e.getMessage() + "); background work "
                    + "this process leaves unfinished waits for its lease to run out before another process resumes "
                    + "it.");
            return UUID.randomUUID().toString();
        }
    }
}
