package org.ams.agent.bitlocker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code powershell.exe}. The script goes in as {@code -EncodedCommand} (UTF-16LE, Base64), so no quoting
 * can break it, and its output is read in memory: recovery passwords never touch the disk.
 */
public final class PowerShellProcess implements PowerShell {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Override
    public String run(String script) throws VolumeReadException {
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        ProcessBuilder builder = new ProcessBuilder("powershell.exe", "-NoProfile", "-NonInteractive",
                "-ExecutionPolicy", "Bypass", "-OutputFormat", "Text", "-EncodedCommand", encoded);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread errorReader = new Thread(() -> copy(process.getErrorStream(), errors), "powershell-stderr");
            errorReader.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new VolumeReadException("PowerShell did not finish reading BitLocker volumes within "
                        + TIMEOUT.toMinutes() + " minutes.");
            }
            errorReader.join(TimeUnit.SECONDS.toMillis(5));
            if (process.exitValue() != 0) {
                throw new VolumeReadException("PowerShell could not read BitLocker volumes (exit code "
                        + process.exitValue() + "): " + errors.toString(StandardCharsets.UTF_8).strip()
                        + ". The agent must run as SYSTEM or an administrator.");
            }
            return output;
        } catch (IOException e) {
            throw new VolumeReadException("Cannot start powershell.exe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VolumeReadException("Interrupted while reading BitLocker volumes.", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // The exit code reports the failure; the error text is a courtesy.
        }
    }
}
