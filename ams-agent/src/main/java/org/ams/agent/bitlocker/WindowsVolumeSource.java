package org.ams.agent.bitlocker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** BitLocker volumes from WMI ({@code Win32_EncryptableVolume}), read through PowerShell's CIM cmdlets. */
public final class WindowsVolumeSource implements VolumeSource {

    static final String SCRIPT = loadScript();

    private final PowerShell powerShell;

    public WindowsVolumeSource(PowerShell powerShell) {
        this.powerShell = powerShell;
    }

    @Override
    public List<BitLockerVolume> volumes() throws VolumeReadException {
        String output = powerShell.run(SCRIPT).strip();
        return output.isEmpty() ? List.of() : VolumeJson.parse(output);
    }

    private static String loadScript() {
        try (InputStream in = WindowsVolumeSource.class.getResourceAsStream("read-volumes.ps1")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
