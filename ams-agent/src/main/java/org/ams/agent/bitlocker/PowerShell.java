package org.ams.agent.bitlocker;

/** Runs a PowerShell script and returns what it wrote to standard output. */
public interface PowerShell {

    String run(String script) throws VolumeReadException;
}
