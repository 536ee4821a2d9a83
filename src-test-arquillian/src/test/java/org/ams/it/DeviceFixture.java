package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ams.agents.AgentRegistration;
import org.ams.agents.AgentSupport;
import org.ams.agents.RegistrationKeys;
import org.ams.crypto.EncryptionCertificateService;
import org.ams.crypto.KeyStorage;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.ReportedFacts;
import org.ams.devices.Tenant;
import org.ams.escrow.Escrow;
import org.ams.escrow.EscrowOutcome;
import org.ams.escrow.EscrowedVolume;
import org.ams.protocol.MountPoint;
import org.ams.protocol.ProtectorId;
import org.ams.protocol.VolumeId;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.envelope.EnvelopeEncryptor;
import org.ams.protocol.wire.DriveType;

/**
 * Deployed with in-container tests only (add it, with {@link AsAdministrator}, to
 * {@link Deployments#amsWarWithTests}): devices registered and a recovery password escrowed the way an agent does
 * it, through the product's own services called as the administrator.
 */
@Dependent
public class DeviceFixture {

    /** The recovery password {@link #escrowOneKey} escrows (the OS drive's of the volumes files). */
    private static final String RECOVERY_PASSWORD = "531058-303050-716078-383614-460922-106975-083446-139161";

    @Inject
    private AsAdministrator admin;

    @Inject
    private AgentSupport agentSupport;

    @Inject
    private RegistrationKeys registrationKeys;

    @Inject
    private AgentRegistration registration;

    @Inject
    private DeviceDirectory directory;

    @Inject
    private EncryptionCertificateService certificates;

    @Inject
    private Escrow escrow;

    /** A device registered the way an agent registers it, with a new registration key of the tenant. */
    public Device register(Tenant tenant, String name, DeviceGroup... groups) throws Exception {
        return registerWithNewKey(tenant, name, null, false, groups);
    }

    /** A device registered the way an agent registers it, reporting its fully qualified DNS name too. */
    public Device registerWithDnsName(Tenant tenant, String name, String dnsName) throws Exception {
        return registerWithNewKey(tenant, name, dnsName, false);
    }

    /** A device registered with a registration key that requires approval: it waits, PENDING, for an administrator. */
    public Device registerAwaitingApproval(Tenant tenant, String name) throws Exception {
        return registerWithNewKey(tenant, name, null, true);
    }

    private Device registerWithNewKey(Tenant tenant, String name, String dnsName, boolean approvalRequired,
                                      DeviceGroup... groups)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] publicKey = generator.generateKeyPair().getPublic().getEncoded();
        return as(() -> {
            agentSupport.setEnabled(true);
            String key = registrationKeys.create(tenant.getId(), "Key for " + name + " " + suffix(), null, null,
                    approvalRequired, Arrays.stream(groups).map(DeviceGroup::getId).collect(Collectors.toSet()))
                    .key();
            return registration.register(key, publicKey, new ReportedFacts(name, dnsName, "Windows 11", "10.0.22631",
                    "it"));
        });
    }

    /**
     * One recovery password escrowed for the device, sealed to a fresh active certificate (generated under this
     * name and backed up, as an active certificate must be) as an agent seals it.
     */
    public void escrowOneKey(Device device, String certificateName, String backupPassword) throws Exception {
        activateNewCertificate(certificateName, backupPassword);
        List<EscrowOutcome> outcomes = upload(device, List.of(
                new EscrowedVolume(VolumeId.parse("\\\\?\\Volume{7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f}\\"),
                        MountPoint.parse("C:"), DriveType.OS,
                        List.of(new EscrowedVolume.Protector(
                                ProtectorId.parse("{6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}"), sealed())))));
        assertEquals(List.of(EscrowOutcome.Result.STORED), outcomes.stream().map(EscrowOutcome::result).toList());
    }

    /**
     * A fresh certificate, generated under this name, backed up and made active: what an agent seals to. Every secret
     * the vault holds is then re-wrapped to it in the background.
     */
    public void activateNewCertificate(String certificateName, String backupPassword) throws Exception {
        UUID certificate = as(() -> certificates.generate(certificateName, 2048, 1, KeyStorage.SOFTWARE)).getId();
        as(() -> certificates.exportPkcs12(certificate, backupPassword.toCharArray()));
        as(() -> {
            certificates.activate(certificate);
            return null;
        });
    }

    /**
     * An active certificate, made as {@link #activateNewCertificate} does only when the server has none yet:
     * activating one re-wraps every secret of the shared server, so a class that needs only some certificate to
     * seal to takes the one there is.
     */
    public void ensureActiveCertificate(String certificateName, String backupPassword) throws Exception {
        if (as(certificates::activeCertificate).isEmpty()) {
            activateNewCertificate(certificateName, backupPassword);
        }
    }

    /** The recovery password {@link #escrowOneKey} escrows, sealed to the active certificate as an agent seals it. */
    public byte[] sealed() throws Exception {
        return new EnvelopeEncryptor().seal(RecoveryPassword.parse(RECOVERY_PASSWORD),
                certificates.activeCertificate().orElseThrow());
    }

    /** Uploads the volumes (their envelopes sealed already) for the device, as its agent uploads them. */
    public List<EscrowOutcome> upload(Device device, List<EscrowedVolume> volumes) throws Exception {
        return as(() -> escrow.upload(directory.get(device.getId()), volumes));
    }

    /**
     * One more recovery password escrowed for the device, sealed to the certificate active now (as an agent seals
     * it), without generating a certificate: activating one re-wraps every secret of the shared server.
     */
    public void escrowKeyToActiveCertificate(Device device, String protectorId, String recoveryPassword)
            throws Exception {
        byte[] envelope = new EnvelopeEncryptor().seal(RecoveryPassword.parse(recoveryPassword),
                certificates.activeCertificate().orElseThrow());
        List<EscrowOutcome> outcomes = as(() -> escrow.upload(directory.get(device.getId()), List.of(
                new EscrowedVolume(VolumeId.parse("\\\\?\\Volume{2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901}\\"),
                        MountPoint.parse("D:"), DriveType.FIXED,
                        List.of(new EscrowedVolume.Protector(ProtectorId.parse(protectorId), envelope))))));
        assertEquals(List.of(EscrowOutcome.Result.STORED), outcomes.stream().map(EscrowOutcome::result).toList());
    }

    private <T> T as(Callable<T> work) throws Exception {
        return admin.call(work);
    }

    /** Unique enough to tell this run's names from those of earlier runs on the same database. */
    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
