package org.kdcmail.kdc.server;

import org.kdcmail.kdc.protocol.enrollment.EnrollmentPointSource;
import org.kdcmail.kdc.protocol.enrollment.KdcIdentity;
import org.kdcmail.kdc.server.store.KdcStore;
import org.kdcmail.qrng.bank.KeyBank;

/**
 * What a running KDC's conversations share: its folder, settings, store, identity, randomness and
 * the source of enrollment points. Owned and closed by {@link KdcServer}.
 */
record KdcServices(
    KdcPaths paths,
    KdcSettings settings,
    KdcStore store,
    KdcIdentity identity,
    KdcRandomness randomness,
    KeyBank keyBank,
    EnrollmentPointSource pointSource) {}
