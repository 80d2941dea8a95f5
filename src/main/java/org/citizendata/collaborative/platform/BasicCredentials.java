package org.citizendata.collaborative.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic credentials checked against the engine's users, and remembered for a short while
 * ({@code collaborative.security.credentials-cache}, one minute by default; {@code PT0S} turns it
 * off). Without it every REST call checked the password and read the user's groups and tenants
 * again: three engine commands before the call's own work (BENCHMARKS.md). The Camunda web
 * applications do the same for their sessions, for five minutes. A changed password, a removed
 * user or a changed membership made on this node takes effect at once ({@link IdentityChanges}),
 * one made on another node when the entry expires. Only successful checks are
 * remembered, so a wrong password always reaches the engine and counts towards its lock. The
 * password itself is not kept: the key is a digest of it with a secret made at start-up.
 */
@Component
public class BasicCredentials {

    /** Entries kept at most; past that, expired ones are dropped, then all. */
    static final int MAX_ENTRIES = 10_000;

    private final IdentityService identityService;
    private final Duration timeToLive;
    private final Supplier<Instant> clock;
    private final byte[] secret = new byte[32];
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    /** Counts this node's changes of users and memberships ({@link IdentityChanges}): older entries are checked again. */
    private static final AtomicLong IDENTITY_CHANGES = new AtomicLong();

    /** A user whose password was checked, with their groups and tenants at that moment. */
    public record Checked(String userId, List<String> groups, List<String> tenants, Instant until, long identityChanges) {
    }

    static void identityChanged() {
        IDENTITY_CHANGES.incrementAndGet();
    }

    @Autowired
    BasicCredentials(IdentityService identityService,
            @Value("${collaborative.security.credentials-cache}") Duration timeToLive) {
        // The engine's clock, as for its own login locks.
        this(identityService, timeToLive, () -> ClockUtil.now().toInstant());
    }

    BasicCredentials(IdentityService identityService, Duration timeToLive, Supplier<Instant> clock) {
        this.identityService = identityService;
        this.timeToLive = timeToLive;
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    /** The user an {@code Authorization: Basic ...} header names, when the password is right. */
    public Optional<Checked> check(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String userId = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Instant now = clock.get();
        String key = timeToLive.isZero() ? null : key(userId, password);
        Checked remembered = key == null ? null : checked.get(key);
        long changes = IDENTITY_CHANGES.get();
        if (remembered != null && now.isBefore(remembered.until()) && remembered.identityChanges() == changes) {
            return Optional.of(remembered);
        }
        if (!identityService.checkPassword(userId, password)) {
            if (key != null) {
                checked.remove(key);
            }
            return Optional.empty();
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
                .stream().map(Tenant::getId).toList();
        Checked fresh = new Checked(userId, groups, tenants, now.plus(timeToLive), changes);
        if (key != null) {
            if (checked.size() >= MAX_ENTRIES) {
                checked.values().removeIf(entry -> !now.isBefore(entry.until()));
                if (checked.size() >= MAX_ENTRIES) {
                    checked.clear();
                }
            }
            checked.put(key, fresh);
        }
        return Optional.of(fresh);
    }

    private String key(String userId, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(secret);
            digest.update(userId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
