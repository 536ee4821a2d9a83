package org.ams.agents;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.ams.audit.AuditTrail;
import org.ams.devices.Device;
import org.ams.devices.DeviceDirectory;
import org.ams.devices.DeviceGroup;
import org.ams.devices.ReportedFacts;

/** A device joining AMS with a registration key and the public half of the key pair it made for itself. */
@Stateless
// Any caller: a registering agent has no signed-in user; the registration key is its credential.
@PermitAll
public class AgentRegistration {

    private static final int MAX_REGISTRATION_KEY_CHARS = 128;

    @EJB
    private AgentSupport agentSupport;

    @EJB
    private RegistrationKeys registrationKeys;

    @EJB
    private DeviceDirectory directory;

    @EJB
    private AuditTrail audit;

    public Device register(String registrationKey, byte[] publicKey, ReportedFacts facts) {
        agentSupport.requireEnabled();
        if (registrationKey == null || registrationKey.isBlank() || registrationKey.length() > MAX_REGISTRATION_KEY_CHARS) {
            throw new AgentApiException(AgentRefusal.INVALID_REGISTRATION_KEY, "The registration key is not valid.");
        }
        RegistrationKey key = registrationKeys.findByKeyForActivation(registrationKey.strip())
                .orElseThrow(() -> new AgentApiException(AgentRefusal.INVALID_REGISTRATION_KEY,
                        "The registration key is not valid on this server."));
        requireP256(publicKey);
        String fingerprint = sha256(publicKey);
        if (directory.findByPublicKey(fingerprint).isPresent()) {
            throw new AgentApiException(AgentRefusal.DEVICE_ALREADY_REGISTERED, "A device with this key is already "
                    + "registered. An agent makes a new key when its data directory is reset.");
        }
        key.activate(OffsetDateTime.now(ZoneOffset.UTC));
        List<Device> imported = directory.sameComputer(key.getTenant().getId(), facts.name(), facts.dnsName(), true);
        Device device;
        String merged = "";
        if (imported.size() == 1) {
            // The computer's keys were imported from a directory before its agent came: one device, keys kept.
            device = imported.get(0);
            device.agentRegistered(facts, publicKey, fingerprint, key.isApprovalRequired(), key.getId());
            merged = ", joined the device imported from " + device.getDirectory().getName() + " (its keys kept)";
        } else {
            device = new Device(directory.amsDirectoryOf(key.getTenant().getId()), facts, publicKey, fingerprint,
                    key.isApprovalRequired(), key.getId());
            if (imported.size() > 1) {
                merged = ", not joined to the " + imported.size() + " imported devices of the same name (ambiguous)";
            }
        }
        for (DeviceGroup group : key.getGroups()) {
            device.join(group);
        }
        directory.add(device);
        audit.record("device.registered", "Device", device.getId().toString(), device.getName(),
                "registration key '" + key.getName() + "', state " + device.getState() + merged);
        return device;
    }

    /** Device keys are EC P-256, as the agent makes them; anything else is refused before it is stored. */
    static void requireP256(byte[] publicKey) {
        try {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(publicKey));
            ECParameterSpec params = key.getParams();
            if (params.getCurve().getField().getFieldSize() != 256 || params.getOrder().bitLength() != 256) {
                throw new AgentApiException(AgentRefusal.MALFORMED_REQUEST, "The device key must be EC P-256.");
            }
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new AgentApiException(AgentRefusal.MALFORMED_REQUEST, "The device's public key is not an EC P-256 "
                    + "SubjectPublicKeyInfo.");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
