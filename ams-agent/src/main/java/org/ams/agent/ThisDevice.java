package org.ams.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;
import org.ams.protocol.wire.DeviceFacts;

/** The facts this device reports about itself. */
final class ThisDevice {

    private ThisDevice() {
    }

    static DeviceFacts facts(String nameOverride) {
        String hostname = nameOverride != null ? nameOverride : hostname();
        return new DeviceFacts(hostname, nameOverride != null ? nameOverride : dnsName(hostname),
                System.getProperty("os.name"), System.getProperty("os.version"), agentVersion());
    }

    static String agentVersion() {
        Properties properties = new Properties();
        try (InputStream in = ThisDevice.class.getResourceAsStream("version.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String hostname() {
        String windowsName = System.getenv("COMPUTERNAME");
        if (windowsName != null && !windowsName.isBlank()) {
            return windowsName;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static String dnsName(String hostname) {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return hostname;
        }
    }
}
