package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP Basic checked by the engine once, then remembered until the entry expires; wrong passwords never. */
class BasicCredentialsTest {

    IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);

    /** The test's own clock: the engine's is one for the whole JVM, which other tests' contexts share. */
    Instant now = Instant.parse("2026-06-01T09:00:00Z");

    @BeforeEach
    void users() {
        when(identity.checkPassword("kofi", "right")).thenReturn(true);
        when(identity.checkPassword("kofi", "wrong")).thenReturn(false);
        Group members = mock(Group.class);
        when(members.getId()).thenReturn("members");
        when(identity.createGroupQuery().groupMember("kofi").list()).thenReturn(List.of(members));
        when(identity.createTenantQuery().userMember("kofi").includingGroupsOfUser(true).list()).thenReturn(List.of());
    }

    @Test
    void aRightPasswordIsCheckedOnceUntilTheEntryExpires() {
        BasicCredentials credentials = new BasicCredentials(identity, Duration.ofMinutes(1), () -> now);

        assertThat(credentials.check(basic("kofi", "right"))).hasValueSatisfying(user -> {
            assertThat(user.userId()).isEqualTo("kofi");
            assertThat(user.groups()).containsExactly("members");
        });
        assertThat(credentials.check(basic("kofi", "right"))).isPresent();
        verify(identity, times(1)).checkPassword("kofi", "right");

        now = now.plusSeconds(61);
        assertThat(credentials.check(basic("kofi", "right"))).isPresent();
        verify(identity, times(2)).checkPassword("kofi", "right");
    }

    @Test
    void aPasswordChangedOrLockedMeanwhileIsRefusedOnceTheEntryExpires() {
        BasicCredentials credentials = new BasicCredentials(identity, Duration.ofMinutes(1), () -> now);
        assertThat(credentials.check(basic("kofi", "right"))).isPresent();

        when(identity.checkPassword("kofi", "right")).thenReturn(false);
        now = now.plusSeconds(61);
        assertThat(credentials.check(basic("kofi", "right"))).isEmpty();
    }

    @Test
    void aWrongPasswordAlwaysReachesTheEngineAndIsRefused() {
        BasicCredentials credentials = new BasicCredentials(identity, Duration.ofMinutes(1), () -> now);
        assertThat(credentials.check(basic("kofi", "right"))).isPresent();

        assertThat(credentials.check(basic("kofi", "wrong"))).isEmpty();
        assertThat(credentials.check(basic("kofi", "wrong"))).isEmpty();
        verify(identity, times(2)).checkPassword("kofi", "wrong");
    }

    @Test
    void malformedHeadersAreRefusedWithoutAskingTheEngine() {
        BasicCredentials credentials = new BasicCredentials(identity, Duration.ofMinutes(1), () -> now);
        for (String header : new String[] {null, "", "Bearer abc", "Basic", "Basic !!!", "Basic "
                + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), "Basic "
                + Base64.getEncoder().encodeToString(":password".getBytes(StandardCharsets.UTF_8))}) {
            assertThat(credentials.check(header)).as(String.valueOf(header)).isEmpty();
        }
        verify(identity, never()).checkPassword(anyString(), anyString());
    }

    @Test
    void aChangeOfUsersOrMembershipsOnThisNodeIsCheckedAtOnce() {
        BasicCredentials credentials = new BasicCredentials(identity, Duration.ofMinutes(1), () -> now);
        credentials.check(basic("kofi", "right"));
        BasicCredentials.identityChanged();
        credentials.check(basic("kofi", "right"));
        credentials.check(basic("kofi", "right"));
        verify(identity, times(2)).checkPassword("kofi", "right");
    }

    @Test
    void aTimeToLiveOfZeroChecksEveryRequest() {
        BasicCredentials credentials = new BasicCredentials(identity, Duration.ZERO, () -> now);
        credentials.check(basic("kofi", "right"));
        credentials.check(basic("kofi", "right"));
        verify(identity, times(2)).checkPassword("kofi", "right");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
