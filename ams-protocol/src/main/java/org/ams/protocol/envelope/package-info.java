/**
 * The CMS envelope a secret travels and rests in: the agent seals a recovery password to the server's encryption
 * certificate with {@link org.ams.protocol.envelope.EnvelopeEncryptor}; the server checks whom it is addressed to,
 * opens it with {@link org.ams.protocol.envelope.EnvelopeDecryptor} and moves it to a new certificate with
 * {@link org.ams.protocol.envelope.Rewrap}. The format is standard RFC 5083 AuthEnvelopedData so that an administrator
 * with the exported key can open any envelope with stock OpenSSL, without AMS.
 *
 * <p>Depends on {@code org.ams.protocol} and BouncyCastle. Used by the agent and by the server's crypto component;
 * nothing in here knows where keys are stored.
 */
package org.ams.protocol.envelope;
